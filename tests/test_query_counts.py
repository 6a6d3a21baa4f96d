"""Cheaper misses: page links in a window, selects without a template per option, RAG counts
and the footer read from the cache, and the queries each page runs pinned."""

import datetime
import importlib

import pytest
from django import forms
from django.core.cache import cache
from django.core.paginator import Paginator
from django.template import RequestContext, Template
from django.test import RequestFactory
from django.test.html import parse_html
from django.urls import reverse

from actions.models import Action
from panel.widgets import LightSelect, fixed_options, lighten
from tests.factories import ActionFactory, MeetingFactory


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


# --- Page links ---------------------------------------------------------------------------


def page_links(number, pages=100, each_side=2, query=None):
    page = Paginator(range(pages * 50), 50).page(number)
    request = RequestFactory().get("/meetings/", query or {"body": "pcp", "page": number})
    html = Template(f"{{% load page_links %}}{{% pagination page_obj {each_side} %}}").render(
        RequestContext(request, {"page_obj": page})
    )
    return [
        line.split('aria-label="Page ')[1].split('"')[0] if "aria-label" in line else "…"
        for line in html.splitlines()
        if "govuk-pagination__item" in line
    ], html


def test_a_long_list_links_the_ends_and_two_pages_either_side():
    links, html = page_links(50)

    assert links == ["1", "…", "48", "49", "50", "51", "52", "…", "100"]
    assert 'href="?body=pcp&amp;page=51" rel="next"' in html
    assert 'aria-current="page">50<' in html


def test_the_first_page_links_its_neighbours_and_the_last():
    links, html = page_links(1)

    assert links == ["1", "2", "3", "…", "100"]
    assert 'rel="prev"' not in html


def test_a_short_list_links_every_page():
    links, _ = page_links(2, pages=4)

    assert links == ["1", "2", "3", "4"]


def test_a_list_with_one_page_has_no_page_links():
    _, html = page_links(1, pages=1)

    assert html == ""


def test_the_directorys_lists_link_one_page_either_side():
    links, _ = page_links(50, each_side=1)

    assert links == ["1", "…", "49", "50", "51", "…", "100"]


def test_page_links_keep_the_other_parameters_in_order_and_escaped():
    query = {"q": 'a&b "c"', "page": 7, "year": ["2023", "2024"]}
    _, html = page_links(7, query=query)

    assert 'href="?q=a%26b+%22c%22&amp;page=8&amp;year=2023&amp;year=2024" rel="next"' in html
    assert 'href="?q=a%26b+%22c%22&amp;page=6&amp;year=2023&amp;year=2024" rel="prev"' in html


def test_page_links_add_the_page_to_a_query_without_one():
    _, html = page_links(1, query={"body": "pcp"})

    assert 'href="?body=pcp&amp;page=2" rel="next"' in html
    assert 'aria-current="page">1<' in html


# --- Selects ------------------------------------------------------------------------------


class ChoiceForm(forms.Form):
    year = forms.ChoiceField(
        choices=[("", "All years"), ("2023", "2023"), ("<b>", 'Tom & "Jerry"')],
        required=False,
        widget=forms.Select(attrs={"class": "govuk-select", "aria-describedby": "year-error"}),
    )


@pytest.mark.parametrize("value", [None, "2023", "<b>"])
def test_a_light_select_renders_what_djangos_select_renders(value):
    plain = ChoiceForm({"year": value} if value else None)
    light = lighten(ChoiceForm({"year": value} if value else None))

    assert isinstance(light.fields["year"].widget, LightSelect)
    assert parse_html(str(light["year"])) == parse_html(str(plain["year"]))


def test_a_light_select_escapes_its_labels_and_values():
    html = str(lighten(ChoiceForm())["year"])

    assert "<b>" not in html
    assert "&lt;b&gt;" in html
    assert "Tom &amp; &quot;Jerry&quot;" in html


@pytest.mark.parametrize(
    ("filterset", "fixed"),
    [
        ("meetings.views.meetings.MeetingPageFilter", {"kind", "status"}),
        ("meetings.filters.ResolutionPageFilter", {"kind"}),
        ("meetings.filters.PersonPageFilter", {"status"}),
        ("meetings.filters.WorkProgrammePageFilter", {"kind", "status"}),
        ("actions.filters.ActionFilter", {"rag"}),
    ],
)
def test_only_filters_with_a_fixed_list_of_choices_keep_their_options_for_everyone(
    rf, filterset, fixed
):
    """Bodies, years, meetings and owners come from the record (and owners and meetings from
    what the visitor may see): only a fixed list of choices is kept under its filter's name."""
    module, name = filterset.rsplit(".", 1)
    cls = getattr(importlib.import_module(module), name)

    keys = fixed_options(cls(request=rf.get("/")))

    assert set(keys) == fixed
    assert all(key.endswith(f"{name}.{field}") for field, key in keys.items())


# --- RAG counts and the footer, from the cache ---------------------------------------------

TODAY = datetime.date(2023, 11, 1)


def rag_table(response):
    text = response.content.decode()
    start = text.index("Outstanding actions by RAG rating")
    end = text.index("</table>", start)
    return "".join(text[start:end].split())


@pytest.mark.django_db(transaction=True)
def test_home_counts_actions_once_until_the_record_changes(client, django_assert_num_queries):
    ActionFactory(meeting=MeetingFactory(), due_date=TODAY - datetime.timedelta(days=3))
    client.get(reverse("meetings:home"))

    # Next meetings, latest minutes, recent decisions: the counts come from the cache.
    with django_assert_num_queries(3):
        cached = client.get(reverse("meetings:home"))
    ActionFactory(meeting=MeetingFactory(), due_date=TODAY - datetime.timedelta(days=1))
    fresh = client.get(reverse("meetings:home"))

    assert Action.objects.count() == 2
    assert (
        'Totaloutstanding</th><tdclass="govuk-table__cellgovuk-table__cell--numeric">1<'
        in rag_table(cached)
    )
    assert (
        'Totaloutstanding</th><tdclass="govuk-table__cellgovuk-table__cell--numeric">2<'
        in rag_table(fresh)
    )


@pytest.mark.django_db(transaction=True)
def test_counts_cached_for_a_member_are_not_shown_to_the_public(client, member_user):
    ActionFactory(meeting=MeetingFactory(), restricted=True, due_date=TODAY)
    client.force_login(member_user)
    member_view = rag_table(client.get(reverse("meetings:home")))
    client.logout()

    public_view = rag_table(client.get(reverse("meetings:home")))

    assert 'numeric">1<' in member_view
    assert 'numeric">1<' not in public_view


@pytest.mark.django_db(transaction=True)
def test_the_cached_footer_keeps_the_staff_link_for_staff(client, staff_user):
    client.force_login(staff_user)
    staff_page = client.get(reverse("meetings:home")).content.decode()
    client.logout()

    public_page = client.get(reverse("meetings:home")).content.decode()

    assert "Democratic services administration" in staff_page
    assert "Democratic services administration" not in public_page


# --- Queries per page ----------------------------------------------------------------------


@pytest.mark.django_db
def test_the_actions_page_does_not_ask_which_meetings_have_actions_on_a_big_site(
    client, monkeypatch, django_assert_num_queries
):
    from actions.views import ActionPageFilter

    monkeypatch.setattr(ActionPageFilter, "MEETINGS_LISTED", 1)
    for day in (1, 2):
        ActionFactory(meeting=MeetingFactory(date=datetime.date(2023, 7, day)))

    # The probe finds more meetings than it may list, so the page skips the list's query:
    # one fewer than on a site small enough to list them (tests/actions/test_views.py).
    with django_assert_num_queries(6):
        response = client.get(reverse("actions:action_list"))

    options = [
        label for _value, label in response.context["filter"].form["meeting"].field.widget.choices
    ]
    assert options == ["All meetings (choose a body to list its meetings)"]
