"""The site search and the decisions register's words: what each visitor finds, in what order,
how many, a page at a time, and never what they may not read (meetings.search)."""

import datetime
import html
import re

import pytest
from django.urls import reverse

from meetings import search
from meetings.models import AgendaItem, Minutes, Resolution
from meetings.search_kinds import DECISIONS
from meetings.views import directory
from tests.factories import (
    ActionFactory,
    AgendaItemFactory,
    AttendanceFactory,
    MeetingFactory,
    MembershipFactory,
    MinutesFactory,
    PersonAliasFactory,
    PersonFactory,
    ResolutionFactory,
)

SEARCH = reverse("meetings:search")
DECISIONS_URL = reverse("meetings:resolution_list")
# A word the record uses nowhere else: planted in each place a visitor may or may not read.
MARKER = "zanzibar"


def page_text(response):
    """The page as a reader hears it: tags removed (inline ones with no space), spaces collapsed."""
    markup = re.sub(r"<(script|style)\b.*?</\1>", " ", response.content.decode(), flags=re.S)
    markup = re.sub(r"</?mark>", "", markup)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", markup)).split())


def group_heading(response, key):
    """The heading of one group of results, e.g. "Decisions (2)"."""
    found = re.search(rf'<h3[^>]*id="results-{key}"[^>]*>(.*?)</h3>', response.content.decode())
    return found and html.unescape(found.group(1))


def meeting(date, minutes=Minutes.Status.PUBLISHED, **fields):
    held = MeetingFactory(date=date, status="held", **fields)
    if minutes:
        MinutesFactory(meeting=held, status=minutes)
    return held


def decision(held, text, order=1, **item_fields):
    item_fields.setdefault("title", f"Item {order}")
    item = AgendaItemFactory(meeting=held, order=order, number=str(order), **item_fields)
    return ResolutionFactory(item=item, text=text)


@pytest.fixture
def client_as(client, member_user, staff_user):
    def log_in(role):
        if role != "public":
            client.force_login({"member": member_user, "staff": staff_user}[role])
        return client

    return log_in


@pytest.fixture
def funding(db):
    """One public decision, its minute and an action, at a meeting with published minutes."""
    held = meeting(datetime.date(2023, 7, 26))
    item = AgendaItemFactory(
        meeting=held,
        order=10,
        number="10",
        title="S106 Funding Update",
        description="Report of the Police and Crime Commissioner on developer funding.",
        minutes_text="The PCC introduced the report on S106 contributions and developer funding.",
    )
    ResolutionFactory(item=item, text="That regular updates on S106 funding be brought back.")
    ActionFactory(meeting=held, item=item, text="Force to report back on S106 funding bids.")
    person = PersonFactory(
        slug="deborah-taylor", honorific="Councillor", given_name="Deborah", family_name="Taylor"
    )
    MembershipFactory(person=person)
    return held


# Words in any order


@pytest.mark.parametrize("words", ["funding S106", "S106 FUNDING", "updates funding regular"])
def test_decisions_register_finds_words_in_any_order(client, funding, words):
    text = page_text(client.get(DECISIONS_URL, {"q": words}))

    assert "That regular updates on S106 funding be brought back." in text
    assert "1 decision" in text


def test_decisions_register_needs_every_word(client, funding):
    text = page_text(client.get(DECISIONS_URL, {"q": "funding precept"}))

    assert "S106 funding be brought back" not in text
    assert "0 decisions" in text


def test_search_groups_results_by_kind_with_a_count_each(client, funding):
    response = client.get(SEARCH, {"q": "funding s106"})

    assert [group_heading(response, key) for key in ("decisions", "minutes", "items")] == [
        "Decisions (1)",
        "Minutes (1)",
        "Agenda items (1)",
    ]
    assert group_heading(response, "actions") == "Actions (1)"
    assert group_heading(response, "people") == "People (0)"
    text = page_text(response)
    assert "Force to report back on S106 funding bids." in text
    assert "The PCC introduced the report on S106 contributions and developer funding." in text


def test_search_page_is_labelled_and_linked_from_every_header(client, funding):
    home = client.get(reverse("meetings:home")).content.decode()
    page = client.get(SEARCH, {"q": "funding"}).content.decode()

    assert f'<a class="govuk-service-navigation__link" href="{SEARCH}"' in home
    assert 'aria-current="page"' in page.split('href="/search/"', 1)[1][:80]
    assert '<label class="govuk-label" for="id_q">' in page
    assert 'type="search" name="q"' in page
    assert 'role="search"' in page


def test_search_marks_the_words_found_and_escapes_the_rest(client, db):
    decision(meeting(datetime.date(2023, 7, 26)), "That the <b>budget</b> & precept be noted.")

    page = client.get(SEARCH, {"q": "budget"}).content.decode()

    assert "That the &lt;b&gt;<mark>budget</mark>&lt;/b&gt; &amp; precept be noted." in page
    assert "<b>budget</b>" not in page


# Restricted material is never found by those who may not read it


@pytest.fixture
def planted(db, funding):
    """The marker word in each place only some visitors may read."""
    published = meeting(datetime.date(2023, 8, 10))
    exempt = AgendaItemFactory(
        meeting=published,
        order=1,
        title="Private session",
        minutes_text=f"Members discussed {MARKER} in private.",
        confidentiality=AgendaItem.Confidentiality.EXEMPT,
        exempt_paragraphs="1",
    )
    ResolutionFactory(item=exempt, text=f"That the {MARKER} report be approved.")
    ActionFactory(meeting=published, item=exempt, text=f"Write about {MARKER} from private.")
    draft = meeting(datetime.date(2023, 9, 1), minutes=Minutes.Status.DRAFT)
    decision(draft, f"That the draft {MARKER} be noted.", minutes_text=f"Draft {MARKER} minute.")
    ActionFactory(meeting=funding, text=f"Restricted {MARKER} work.", restricted=True)
    unminuted = meeting(datetime.date(2023, 9, 20), minutes=None)
    AttendanceFactory(
        meeting=unminuted, person=PersonFactory(slug="zed", family_name=MARKER.title())
    )


SEARCH_PAGES = [
    (SEARCH, {"q": MARKER}),
    *(
        (SEARCH, {"q": MARKER, "kind": key})
        for key in ("decisions", "minutes", "items", "actions", "people", "meetings")
    ),
    (DECISIONS_URL, {"q": MARKER}),
]


@pytest.mark.parametrize(("url", "query"), SEARCH_PAGES)
def test_the_public_never_finds_what_it_may_not_read(client, planted, url, query):
    response = client.get(url, query)

    assert response.status_code == 200
    # What a reader sees: the words searched for are said back only in the box and in links.
    assert MARKER not in page_text(response).lower()


def test_members_find_private_business_but_not_draft_minutes(client_as, planted):
    response = client_as("member").get(SEARCH, {"q": MARKER})

    text = page_text(response)
    assert group_heading(response, "decisions") == "Decisions (1)"
    assert f"That the {MARKER} report be approved." in text
    assert f"Members discussed {MARKER} in private." in text
    assert f"Restricted {MARKER} work." in text
    assert f"That the draft {MARKER} be noted." not in text
    assert f"Draft {MARKER} minute." not in text


def test_staff_find_draft_minutes_too(client_as, planted):
    response = client_as("staff").get(SEARCH, {"q": MARKER})

    assert group_heading(response, "decisions") == "Decisions (2)"
    assert group_heading(response, "minutes") == "Minutes (2)"
    assert f"Draft {MARKER} minute." in page_text(response)


# People


@pytest.mark.parametrize("words", ["Deborah Taylor", "taylor deborah", "Councillor Taylor"])
def test_people_are_found_by_name_in_any_order(client, funding, words):
    response = client.get(SEARCH, {"q": words})

    assert group_heading(response, "people") == "People (1)"
    assert 'href="/members/deborah-taylor/"' in response.content.decode()


def test_people_are_found_by_another_spelling(client, funding):
    PersonAliasFactory(person=PersonFactory(slug="allnatt", family_name="Allnatt"), name="Alnatt")
    MembershipFactory(person=PersonFactory(slug="allnatt"))

    response = client.get(SEARCH, {"q": "alnatt"})

    assert group_heading(response, "people") == "People (1)"
    assert 'href="/members/allnatt/"' in response.content.decode()


def test_people_named_only_in_unpublished_minutes_are_not_found(client_as, planted):
    public = client_as("public").get(SEARCH, {"q": MARKER, "kind": "people"})
    staff = client_as("staff").get(SEARCH, {"q": MARKER, "kind": "people"})

    assert "No people match" in page_text(public)
    assert 'href="/members/zed/"' in staff.content.decode()


# Capped counts and pages


@pytest.fixture
def many_decisions(db):
    """23 decisions on fleet costs, one meeting each, the newest last."""
    for n in range(23):
        held = meeting(datetime.date(2022, 1, 1) + datetime.timedelta(days=n))
        decision(held, f"That fleet costs report {n} be noted.")


def test_counts_stop_at_the_cap(client, many_decisions, monkeypatch):
    monkeypatch.setattr(search, "CAP", 10)
    monkeypatch.setattr(directory, "SEARCH_OVERVIEW_CAP", 5)

    overview = client.get(SEARCH, {"q": "fleet"})
    one_kind = page_text(client.get(SEARCH, {"q": "fleet", "kind": "decisions"}))
    register = page_text(client.get(DECISIONS_URL, {"q": "fleet"}))

    assert group_heading(overview, "decisions") == "Decisions (more than 5)"
    assert "See all more than 5 decisions" in page_text(overview)
    assert "More than 10 results, newest first: add words to see the best matches" in one_kind
    assert "More than 10 decisions, newest first: add words to see the best matches" in register
    assert "That fleet costs report 22 be noted." in register


def test_counts_below_the_cap_are_exact(client, many_decisions):
    text = page_text(client.get(SEARCH, {"q": "fleet", "kind": "decisions"}))

    assert "23 results" in text


def test_results_come_a_page_at_a_time_forwards_and_back(client, many_decisions):
    first = client.get(SEARCH, {"q": "fleet", "kind": "decisions"})
    following = re.search(r'href="\?([^"]+)" rel="next"', first.content.decode())
    second = client.get(f"{SEARCH}?{html.unescape(following.group(1))}")
    preceding = re.search(r'href="\?([^"]+)" rel="prev"', second.content.decode())
    back = client.get(f"{SEARCH}?{html.unescape(preceding.group(1))}")

    assert len(first.context["groups"][0].rows) == 20
    assert len(second.context["groups"][0].rows) == 3
    assert 'rel="next"' not in second.content.decode()
    assert back.context["groups"][0].rows == first.context["groups"][0].rows
    seen = {r.pk for r in first.context["groups"][0].rows + second.context["groups"][0].rows}
    assert seen == set(Resolution.objects.values_list("pk", flat=True))


def test_decisions_register_pages_a_search_by_keyset(client, many_decisions):
    held = meeting(datetime.date(2021, 1, 1))
    for order in range(1, 6):
        decision(held, f"That older fleet costs {order} be noted.", order=order)

    first = client.get(DECISIONS_URL, {"q": "fleet costs"})
    following = re.search(r'href="\?([^"]+)" rel="next"', first.content.decode())
    second = client.get(f"{DECISIONS_URL}?{html.unescape(following.group(1))}")

    assert len(first.context["resolutions"]) == 25
    assert [r.item.meeting for r in second.context["resolutions"]] == [held] * 3
    assert "page=" not in following.group(1)


@pytest.mark.parametrize("cursor", ["", "nonsense", "W10", "WyJ4IiwieSJd", "x" * 5000])
def test_a_mangled_page_link_shows_the_first_page(client, many_decisions, cursor):
    response = client.get(SEARCH, {"q": "fleet", "kind": "decisions", "after": cursor})

    assert response.status_code == 200
    assert len(response.context["groups"][0].rows) == 20


# The plain match where there is no full-text search (the embedded SQLite default)


def test_plain_match_wants_every_word_in_any_order_ignoring_case(funding):
    found = Resolution.objects.filter(DECISIONS.every_word("FUNDING regular s106"))
    missed = Resolution.objects.filter(DECISIONS.every_word("funding precept"))

    assert [r.text for r in found] == ["That regular updates on S106 funding be brought back."]
    assert list(missed) == []


def test_plain_match_of_no_words_finds_nothing(funding):
    assert list(Resolution.objects.filter(DECISIONS.every_word("  -- ''"))) == []


# Query counts: fixed, whatever the number of results


def add_matches(count, start):
    for n in range(count):
        held = meeting(start + datetime.timedelta(days=n), title=f"Budget meeting {n}")
        item = AgendaItemFactory(
            meeting=held, order=1, title=f"Budget {n}", minutes_text="The budget was discussed."
        )
        ResolutionFactory(item=item, text="That the budget be noted.")
        ActionFactory(meeting=held, item=item, text="Report back on the budget.")
        MembershipFactory(person=PersonFactory(given_name=f"Ann{n}", family_name="Budget"))


def test_search_page_query_count_is_fixed(client, db, django_assert_num_queries):
    add_matches(1, datetime.date(2021, 1, 1))
    # A count and a page for each of the six kinds (decisions, minutes, agenda items,
    # actions, people, meetings), none of which starts a query from the template.
    with django_assert_num_queries(12):
        client.get(SEARCH, {"q": "budget"})
    add_matches(8, datetime.date(2022, 1, 1))
    with django_assert_num_queries(12):
        client.get(SEARCH, {"q": "budget"})


def test_one_kind_of_results_query_count_is_fixed(client, db, django_assert_num_queries):
    add_matches(1, datetime.date(2021, 1, 1))
    with django_assert_num_queries(2):
        client.get(SEARCH, {"q": "budget", "kind": "decisions"})
    add_matches(25, datetime.date(2022, 1, 1))
    with django_assert_num_queries(2):
        client.get(SEARCH, {"q": "budget", "kind": "decisions"})


@pytest.mark.parametrize("words", ["", "budget"])
def test_each_decision_row_is_read_in_the_pages_own_queries(
    client, db, django_assert_num_queries, words
):
    """Every cell of a row (the meeting and body, the minute, the words, who moved and
    seconded it and the outcome, the kind) comes with the page's rows: none is read later."""
    add_matches(3, datetime.date(2022, 1, 1))
    for resolution in Resolution.objects.all():
        resolution.is_motion = True
        resolution.mover = PersonFactory(given_name="Ann", family_name="Mover")
        resolution.seconder = PersonFactory(given_name="Sam", family_name="Seconder")
        resolution.outcome = Resolution.Outcome.CARRIED
        resolution.save()

    # The count, the page, the movers and seconders (read after the page, in one query) and
    # the bodies of the filter's drop-down.
    with django_assert_num_queries(4):
        text = page_text(client.get(DECISIONS_URL, {"q": words} if words else {}))

    assert text.count("Moved by Ann Mover, seconded by Sam Seconder: carried.") == 3
    assert text.count("That the budget be noted.") == 3
    assert "Budget 2" in text


def test_decisions_register_search_query_count_is_fixed(client, db, django_assert_num_queries):
    add_matches(1, datetime.date(2021, 1, 1))
    # The count (up to the cap), the page, and the bodies of the filter's drop-down.
    with django_assert_num_queries(3):
        client.get(DECISIONS_URL, {"q": "budget"})
    add_matches(30, datetime.date(2022, 1, 1))
    with django_assert_num_queries(3):
        client.get(DECISIONS_URL, {"q": "budget"})
