"""The action log pages: outstanding actions and their filters, CSV, one action, My actions."""

import csv
import datetime
import io

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from actions import services
from actions.models import Action, Owner
from actions.views import ActionPageFilter
from meetings.models import AgendaItem, Body, Meeting, Membership, Person

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2023, 9, 1)


@pytest.fixture(autouse=True)
def frozen_today(time_machine):
    time_machine.move_to(datetime.datetime(2023, 9, 1, 9, 0), tick=False)


@pytest.fixture
def officer(django_user_model):
    user = django_user_model.objects.create_user(
        "officer", first_name="Clare", last_name="Hornbuckle", is_staff=True
    )
    user.groups.add(Group.objects.get(name="Democratic services"))
    return user


@pytest.fixture
def member(django_user_model):
    user = django_user_model.objects.create_user("member")
    user.groups.add(Group.objects.get(name="Panel members"))
    return user


@pytest.fixture
def cgb():
    return Body.objects.create(
        name="Corporate Governance Board", short_name="CGB", slug="cgb", kind="board"
    )


@pytest.fixture
def june(cgb):
    return Meeting.objects.create(body=cgb, kind="board", date=datetime.date(2023, 6, 21))


@pytest.fixture
def july_panel(panel):
    return Meeting.objects.create(body=panel, date=datetime.date(2023, 7, 26))


@pytest.fixture
def opcc():
    return Owner.objects.create(name="OPCC")


@pytest.fixture
def force():
    return Owner.objects.create(name="Force")


def days(n):
    return TODAY + datetime.timedelta(days=n)


@pytest.fixture
def make_action(june):
    def make(reference, *, meeting=None, owners=(), due=None, **kwargs):
        return services.action_create(
            meeting=meeting or june,
            reference=reference,
            text=kwargs.pop("text", f"Action {reference} text"),
            owners=owners,
            due_date=due,
            **kwargs,
        )

    return make


@pytest.fixture
def log(make_action, opcc, force, july_panel, officer):
    """Red, amber and green outstanding actions, one complete, one withdrawn."""
    actions = {
        "red": make_action("8b", owners=[opcc], due=days(-3)),
        "amber": make_action("8d", owners=[force], due=days(10)),
        "green": make_action("8g", owners=[opcc, force], due=days(60)),
        "panel": make_action("9.2", meeting=july_panel, owners=[opcc]),
        "complete": make_action("8a", owners=[opcc], due=days(-30)),
        "withdrawn": make_action("8c", owners=[force], due=days(-30)),
    }
    services.action_complete(action=actions["complete"], user=officer)
    services.action_withdraw(action=actions["withdrawn"], user=officer, reason="Not needed")
    return actions


def csv_rows(response):
    """The rows of a CSV response, read as Excel reads it (the byte-order mark says UTF-8)."""
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def refs(response):
    return [action.reference for action in response.context["actions"]]


@pytest.fixture
def restricted(make_action, june):
    item = AgendaItem.objects.create(
        meeting=june,
        order=5,
        number="5",
        title="Proceeds of crime",
        confidentiality=AgendaItem.Confidentiality.EXEMPT,
        exempt_paragraphs="3",
    )
    return {
        "exempt": make_action("5a", item=item, text="Review the POCA surplus bids", due=days(5)),
        "marked": make_action("8x", restricted=True, text="Brief the Chair privately"),
    }


# The outstanding list


def test_the_list_shows_outstanding_actions_only_by_default(client, log):
    response = client.get(reverse("actions:action_list"))

    assert response.status_code == 200
    assert sorted(refs(response)) == ["8b", "8d", "8g", "9.2"]
    assert "Action 8a text" not in response.text


def test_the_list_is_sorted_by_due_date_with_undated_actions_last(client, log):
    response = client.get(reverse("actions:action_list"))

    assert refs(response) == ["8b", "8d", "8g", "9.2"]


def test_the_list_can_be_sorted_latest_due_first(client, log):
    response = client.get(reverse("actions:action_list"), {"ordering": "-due"})

    assert refs(response)[:3] == ["8g", "8d", "8b"]


def test_ticking_statuses_shows_closed_actions_too(client, log):
    response = client.get(reverse("actions:action_list"), {"status": ["complete", "withdrawn"]})

    assert sorted(refs(response)) == ["8a", "8c"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"body": "cgb"}, ["8b", "8d", "8g"]),
        ({"owner": "force"}, ["8d", "8g"]),
        ({"rag": "red"}, ["8b"]),
        ({"rag": "amber"}, ["8d"]),
        ({"rag": "green"}, ["8g", "9.2"]),
        ({"overdue": "true"}, ["8b"]),
        ({"overdue": "false"}, ["8d", "8g", "9.2"]),
        ({"status": "open", "rag": "red"}, ["8b"]),
        ({"q": "8g text"}, ["8g"]),
    ],
    ids=["body", "owner", "red", "amber", "green", "overdue", "not-overdue", "status", "text"],
)
def test_the_list_filters(client, log, force, query, expected):
    if query.get("owner") == "force":
        query = {**query, "owner": force.pk}

    response = client.get(reverse("actions:action_list"), query)

    assert sorted(refs(response)) == expected


def test_the_list_filters_by_meeting(client, log, july_panel):
    response = client.get(reverse("actions:action_list"), {"meeting": july_panel.pk})

    assert refs(response) == ["9.2"]


def test_the_rag_counts_of_the_filtered_list_are_shown_at_the_top(client, log):
    response = client.get(reverse("actions:action_list"))

    assert [(rag, count) for rag, _, count in response.context["rag_counts"]] == [
        ("red", 1),
        ("amber", 1),
        ("green", 2),
    ]
    assert '<strong class="govuk-tag govuk-tag--red">Red' in response.text


def test_a_bad_filter_says_what_was_wrong_and_lists_nothing(client, log):
    response = client.get(reverse("actions:action_list"), {"rag": "purple"})

    assert response.status_code == 200
    assert refs(response) == []
    assert "There is a problem with the filters" in response.text
    assert "Select a valid choice. purple is not one of the available choices." in response.text


def test_the_filter_form_labels_every_field(client, log):
    response = client.get(reverse("actions:action_list"))

    for field in ("q", "body", "meeting", "owner", "rag", "overdue", "ordering"):
        assert f'for="id_{field}"' in response.text
    assert '<legend class="govuk-fieldset__legend govuk-fieldset__legend--s">Status' in (
        response.text
    )


def test_the_list_query_count_does_not_grow_with_rows(
    client, make_action, opcc, force, django_assert_num_queries
):
    make_action("1", owners=[opcc], due=days(1))
    # A small site's meeting list costs a probe (are there few enough meetings to list?)
    # that spares a national one a scan of every visible action. The page is not counted
    # apart: the RAG counts' query counts it too.
    with django_assert_num_queries(7):
        client.get(reverse("actions:action_list"))

    for n in range(2, 8):
        make_action(str(n), owners=[opcc, force], due=days(n))
    with django_assert_num_queries(7):
        response = client.get(reverse("actions:action_list"))
    assert len(refs(response)) == 7


# Restricted actions


def test_anonymous_visitors_do_not_see_restricted_actions_in_the_list(client, log, restricted):
    response = client.get(reverse("actions:action_list"))

    assert "5a" not in refs(response)
    assert "8x" not in refs(response)
    assert "Review the POCA surplus bids" not in response.text
    assert "Brief the Chair privately" not in response.text


@pytest.mark.parametrize("who", ["member", "officer"])
def test_members_and_staff_see_restricted_actions(client, log, restricted, who, request):
    client.force_login(request.getfixturevalue(who))

    response = client.get(reverse("actions:action_list"))

    assert {"5a", "8x"} <= set(refs(response))
    assert "Review the POCA surplus bids" in response.text


@pytest.mark.parametrize("which", ["exempt", "marked"])
def test_a_restricted_action_page_is_not_found_for_anonymous_visitors(client, restricted, which):
    response = client.get(restricted[which].get_absolute_url())

    assert response.status_code == 404


def test_a_restricted_action_page_is_shown_to_members(client, restricted, member):
    client.force_login(member)

    response = client.get(restricted["exempt"].get_absolute_url())

    assert response.status_code == 200
    assert "Restricted: this action arose from an exempt or redacted item" in response.text


def test_anonymous_csv_leaves_restricted_actions_out(client, restricted, log):
    response = client.get(reverse("actions:action_export"))

    rows = csv_rows(response)
    assert "5a" not in [row[0] for row in rows]
    assert "8x" not in [row[0] for row in rows]


# CSV export


def test_the_csv_export_has_the_filtered_list(client, log):
    response = client.get(reverse("actions:action_export"), {"owner": log["red"].owners.get().pk})

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="actions-2023-09-01.csv"'
    rows = csv_rows(response)
    assert rows[0][:6] == ["Reference", "Body", "Meeting date", "Text", "Owners", "Due date"]
    assert [row[0] for row in rows[1:]] == ["8b", "8g", "9.2"]
    assert rows[1][1:10] == [
        "CGB",
        "2023-06-21",
        "Action 8b text",
        "OPCC",
        "2023-08-29",
        "",
        "Open",
        "",
        "Red (overdue)",
    ]
    assert rows[1][10] == f"http://testserver/actions/{log['red'].pk}/"


def test_the_csv_starts_with_a_byte_order_mark_so_excel_reads_pounds(client, make_action):
    make_action("1", text="Find £2m of savings")

    response = client.get(reverse("actions:action_export"))

    assert response.content.startswith("\ufeffReference,".encode())
    assert response.content.count("\ufeff".encode()) == 1
    assert csv_rows(response)[1][3] == "Find £2m of savings"


def test_the_csv_has_the_completion_date_and_the_latest_update(
    client, make_action, officer, time_machine
):
    done = make_action("1")
    time_machine.move_to(datetime.datetime(2023, 9, 4, 12, 0), tick=False)
    services.action_complete(action=done, user=officer, note="First go")
    services.action_reopen(action=done, user=officer, note="Not finished")
    time_machine.move_to(datetime.datetime(2023, 10, 14, 23, 30), tick=False)  # 00:30 BST on 15th
    services.action_complete(action=done, user=officer, status_wording="done, see appendix")
    reopened = make_action("2")
    services.action_complete(action=reopened, user=officer)
    services.action_reopen(action=reopened, user=officer, note="The CFO wants more")
    reported = make_action("3")
    services.action_submit_for_sign_off(action=reported, user=officer, status_wording="in hand")
    make_action("4")

    response = client.get(reverse("actions:action_export"), {"status": list(Action.Status)})

    rows = csv_rows(response)
    assert rows[0][-2:] == ["Completed on", "Latest update"]
    assert {row[0]: row[-2:] for row in rows[1:]} == {
        "1": ["2023-10-15", "done, see appendix"],
        "2": ["", "The CFO wants more"],
        "3": ["", "in hand"],
        "4": ["", "Action recorded."],
    }


def test_the_csv_keeps_a_formula_like_text_as_text(client, make_action):
    make_action("1", text="=HYPERLINK('http://example.com')")

    response = client.get(reverse("actions:action_export"))

    rows = csv_rows(response)
    assert rows[1][3] == "'=HYPERLINK('http://example.com')"


def test_the_csv_with_a_bad_filter_is_refused_with_the_reason(client, log):
    response = client.get(reverse("actions:action_export"), {"overdue": "maybe", "rag": "blue"})

    assert response.status_code == 400
    assert "nothing was exported" in response.text
    assert "RAG rating: Select a valid choice. blue is not one of the available choices." in (
        response.text
    )


def test_the_csv_query_count_does_not_grow_with_rows(
    client, make_action, opcc, django_assert_num_queries
):
    make_action("1", owners=[opcc], due=days(1))
    with django_assert_num_queries(2):
        client.get(reverse("actions:action_export"))

    for n in range(2, 8):
        action = make_action(str(n), owners=[opcc], due=days(n))
        services.action_start(action=action, user=None, note=f"Started {n}")
        services.action_submit_for_sign_off(action=action, user=None, status_wording=f"w{n}")
    with django_assert_num_queries(2):
        response = client.get(reverse("actions:action_export"))
    rows = csv_rows(response)
    assert len(rows) == 8
    assert [row[-1] for row in rows[2:]] == [f"w{n}" for n in range(2, 8)]


# One action's page


def test_the_action_page_shows_the_action_and_where_it_arose(client, log):
    response = client.get(log["green"].get_absolute_url())

    assert response.status_code == 200
    assert "Action 8g text" in response.text
    assert "Corporate Governance Board, 21 June 2023" in response.text
    assert "Force, OPCC" in response.text
    assert "31 October 2023" in response.text
    assert 'class="govuk-tag govuk-tag--green"' in response.text


def test_the_action_page_shows_the_full_history_newest_first(client, make_action, officer):
    action = make_action("8d")
    services.action_start(action=action, user=officer, note="CFO has the requests")
    services.action_submit_for_sign_off(
        action=action, user=officer, status_wording="reviewed awaiting sign off"
    )

    response = client.get(action.get_absolute_url())

    text = response.text
    positions = [
        text.index("In progress to awaiting sign-off"),
        text.index("Open to in progress"),
        text.index("Recorded as open"),
    ]
    assert positions == sorted(positions)
    assert "CFO has the requests" in text
    assert "Reported as: “reviewed awaiting sign off”" in text


def test_the_public_history_does_not_name_officers(client, make_action, officer):
    action = make_action("8d")
    services.action_start(action=action, user=officer)

    response = client.get(action.get_absolute_url())

    assert "Clare Hornbuckle" not in response.text


def test_members_see_who_made_each_change(client, make_action, officer, member):
    action = make_action("8d")
    services.action_start(action=action, user=officer)
    client.force_login(member)

    response = client.get(action.get_absolute_url())

    assert "by Clare Hornbuckle" in response.text


def test_the_action_page_links_the_signing_off_meeting(client, make_action, officer, cgb):
    action = make_action("8d")
    september = Meeting.objects.create(body=cgb, kind="board", date=datetime.date(2023, 9, 25))
    services.action_submit_for_sign_off(action=action, user=officer)
    services.action_sign_off(action=action, user=officer, meeting=september)

    response = client.get(action.get_absolute_url())

    assert f'href="{september.get_absolute_url()}">CGB, 25 September 2023</a>' in response.text


def test_the_action_page_query_count_does_not_grow_with_history(
    client, make_action, officer, opcc, django_assert_num_queries
):
    action = make_action("8d", owners=[opcc])
    # The action with its RAG, its owners, its history, its progress updates.
    with django_assert_num_queries(4):
        client.get(action.get_absolute_url())

    services.action_start(action=action, user=officer, note="Started")
    services.action_submit_for_sign_off(action=action, user=officer)
    services.action_complete(action=action, user=officer)
    with django_assert_num_queries(4):
        client.get(action.get_absolute_url())


# My actions


def test_my_actions_needs_a_sign_in(client):
    response = client.get(reverse("actions:action_mine"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_my_actions_lists_the_actions_an_owner_answers_for(client, log, opcc, django_user_model):
    user = django_user_model.objects.create_user("opcc-officer")
    opcc.users.add(user)
    client.force_login(user)

    response = client.get(reverse("actions:action_mine"))

    assert sorted(a.reference for a in response.context["outstanding"]) == ["8b", "8g", "9.2"]
    assert [a.reference for a in response.context["closed"]] == ["8a"]
    assert "Action 8d text" not in response.text


def test_my_actions_includes_actions_owned_through_the_users_person(
    client, make_action, django_user_model
):
    user = django_user_model.objects.create_user("cfo")
    person = Person.objects.create(family_name="Jones", slug="jones", user=user)
    make_action("8d", owners=[Owner.objects.create(name="CFO", person=person)])
    client.force_login(user)

    response = client.get(reverse("actions:action_mine"))

    assert [a.reference for a in response.context["outstanding"]] == ["8d"]


def test_my_actions_lists_a_members_bodies_outstanding_actions(client, log, member, panel):
    person = Person.objects.create(family_name="Bray", slug="bray", user=member)
    Membership.objects.create(person=person, body=panel, start_date=datetime.date(2023, 5, 1))
    client.force_login(member)

    response = client.get(reverse("actions:action_mine"))

    assert response.context["outstanding"] == []  # they answer for none
    # The Panel's outstanding action; not the board's, where they do not sit.
    assert [a.reference for a in response.context["body_actions"]] == ["9.2"]
    assert "Outstanding actions of your bodies" in response.text
    assert panel.name in response.text


def test_my_actions_query_count_does_not_grow_with_rows(
    client, make_action, opcc, django_user_model, django_assert_num_queries
):
    user = django_user_model.objects.create_user("opcc-officer")
    opcc.users.add(user)
    client.force_login(user)
    make_action("1", owners=[opcc], due=days(1))
    with django_assert_num_queries(7):
        client.get(reverse("actions:action_mine"))

    for n in range(2, 6):
        make_action(str(n), owners=[opcc], due=days(n))
    with django_assert_num_queries(7):
        response = client.get(reverse("actions:action_mine"))
    assert len(response.context["outstanding"]) == 5


def meeting_options(response):
    field = response.context["filter"].form["meeting"]
    return [label for value, label in field.field.widget.choices]


def test_meeting_filter_lists_a_bodys_meetings_when_there_are_too_many_to_list(
    client, log, june, july_panel, monkeypatch
):
    monkeypatch.setattr(ActionPageFilter, "MEETINGS_LISTED", 1)
    url = reverse("actions:action_list")

    everything = client.get(url)
    one_body = client.get(url, {"body": "cgb"})
    chosen = client.get(url, {"meeting": july_panel.pk})

    assert meeting_options(everything) == ["All meetings (choose a body to list its meetings)"]
    assert meeting_options(one_body) == ["All meetings", str(june)]
    # A meeting chosen by its address is still applied, and shown as chosen.
    assert meeting_options(chosen)[1:] == [str(july_panel)]
    assert refs(chosen) == ["9.2"]


def test_meeting_filter_lists_every_meeting_when_they_are_few(client, log, june, july_panel):
    options = meeting_options(client.get(reverse("actions:action_list")))

    assert options == ["All meetings", str(july_panel), str(june)]


# Owners, wherever an action is shown


def test_owners_are_named_in_order_everywhere_and_a_change_shows_on_the_next_request(
    client, make_action, opcc, force, june
):
    action = make_action("8g", owners=[opcc, force], due=days(60))
    page = reverse("actions:action_detail", args=[action.pk])
    api = f"/api/v1/actions/{action.pk}/"

    def everywhere():
        table = client.get(reverse("actions:action_list"))
        [_header, row] = csv_rows(client.get(reverse("actions:action_export")))
        arising = client.get(june.get_absolute_url())
        return (
            table.text.split("Action 8g text", 1)[1].split("</tr>", 1)[0],
            client.get(page).text,
            row[4],
            [owner["name"] for owner in client.get(api).json()["owners"]],
            arising.text.split("Action 8g text", 1)[1].split("</tr>", 1)[0],
        )

    cell, detail, exported, listed, arising = everywhere()
    assert "Force, OPCC" in cell and "Force, OPCC" in arising
    assert "Owners</dt>" in detail and "Force, OPCC</dd>" in detail
    assert exported == "Force; OPCC"
    assert listed == ["Force", "OPCC"]

    action.owners.set([opcc])
    cell, detail, exported, listed, arising = everywhere()
    assert "OPCC" in cell and "Force" not in cell and "Force" not in arising
    assert "Owner</dt>" in detail and "OPCC</dd>" in detail
    assert exported == "OPCC"
    assert listed == ["OPCC"]


def test_an_actions_owners_and_history_are_read_when_they_were_not_loaded_with_it(
    make_action, opcc, force, officer
):
    made = make_action("8g", owners=[opcc, force])
    services.action_complete(action=made, user=officer)
    action = Action.objects.get(pk=made.pk)

    assert [owner.name for owner in action.owner_list] == ["Force", "OPCC"]
    assert [(event.from_status, event.to_status) for event in action.history_list] == [
        ("", "open"),
        ("open", "complete"),
    ]
