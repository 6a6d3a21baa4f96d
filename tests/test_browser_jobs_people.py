"""The daily jobs of action owners, Panel members and the public, walked end to end.

As in tests/test_browser_jobs.py (democratic services' jobs): each test does one job in
headless Chromium by the site's links and buttons, with axe-core at every page on the way,
then checks what was recorded and what the pages say.
"""

import datetime

import pytest
from django.urls import reverse

from actions.models import Action
from actions.progress import ProgressUpdate
from tests.browser_walk import Walk, chromium, without_violations
from tests.factories import (
    ActionFactory,
    MeetingFactory,
    MembershipFactory,
    OwnerFactory,
    PersonFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.sweeping, pytest.mark.django_db(transaction=True)]


@pytest.fixture(scope="module")
def browser():
    yield from chromium()


UPDATE = "The S106 review's recommendations are all in place; the report went to the Board."


@pytest.fixture
def owner_user(django_user_model):
    """A log-in of the Police and Crime Commissioner's office, which owns actions."""
    user = django_user_model.objects.create_user("opcc", password="demo-owner-2023")
    OwnerFactory(name="OPCC").users.add(user)
    return user


def test_owner_reports_progress_and_officer_accepts_it(
    browser, live_server, record, owner_user, staff_user
):
    action = ActionFactory(
        meeting=record.july,
        reference="3a",
        text="Bring an update on S106 funding to every meeting",
        owners=[owner_user.action_owners.get()],
    )
    public_page = reverse("actions:action_detail", args=[action.pk])

    def public_view(step):
        def look(page):
            walk = Walk(page, live_server, "progress public")
            walk.open(public_page)
            walk.audit(step)
            return walk.audits, page.locator(".govuk-summary-list").first.inner_text()

        return look

    def report(page):
        walk = Walk(page, live_server, "progress owner")
        walk.open(f"{reverse('login')}?next={reverse('actions:action_mine')}")
        walk.sign_in("opcc", "demo-owner-2023")
        walk.audit("my actions")
        walk.follow("Bring an update on S106 funding to every meeting", within="main")
        walk.audit("action")
        walk.follow("Report progress", within="main")
        walk.audit("report progress")
        page.get_by_label("What has happened since the last update?").fill(UPDATE)
        page.get_by_label("The work is done: submit this action for sign-off").check()
        walk.press("Send update")
        walk.audit("action, update sent")
        return walk.audits, walk.messages(), walk.errors

    def review(page):
        walk = Walk(page, live_server, "progress officer")
        walk.open(reverse("admin:actions_progressupdate_changelist"))
        walk.sign_in("officer", "demo-officer-2023")
        walk.audit("updates awaiting review")
        page.locator("#result_list tbody tr", has_text="3a").get_by_role("checkbox").check()
        page.get_by_label("Action:").select_option(label="Accept the selected updates")
        walk.press("Run")
        walk.audit("updates, accepted")
        return walk.audits, walk.messages(), walk.errors

    before_audits, before = browser.run(public_view("public action, before"))
    owner_audits, owner_messages, owner_errors = browser.run(report)
    officer_audits, officer_messages, officer_errors = browser.run(review)
    after_audits, after = browser.run(public_view("public action, after"))

    assert owner_audits == without_violations(
        "sign in", "my actions", "action", "report progress", "action, update sent"
    )
    assert officer_audits == without_violations(
        "sign in", "updates awaiting review", "updates, accepted"
    )
    assert {**before_audits, **after_audits} == without_violations(
        "public action, before", "public action, after"
    )
    assert owner_errors == officer_errors == []
    assert owner_messages == [
        "Your update was sent to democratic services and the action submitted for sign-off."
    ]
    assert officer_messages == ["Accepted 1 update."]
    update = ProgressUpdate.objects.get(action=action)
    assert (update.author, update.asked_sign_off, update.status, update.reviewed_by) == (
        owner_user,
        True,
        ProgressUpdate.Status.ACCEPTED,
        staff_user,
    )
    action.refresh_from_db()
    assert action.status == Action.Status.AWAITING_SIGN_OFF
    assert action.history.last().actor == owner_user
    assert "Latest update\tNone yet" in before
    assert f"Latest update\t{UPDATE}" in after


def test_member_sees_the_outstanding_actions_of_the_panel(
    browser, live_server, record, member_user
):
    member = PersonFactory(
        slug="member", family_name="Sood", given_name="Manjula", user=member_user
    )
    MembershipFactory(person=member, body=record.panel, start_date=datetime.date(2023, 5, 1))
    outstanding = ActionFactory(meeting=record.july, text="Report on S106 funding")
    restricted = ActionFactory(
        meeting=record.august, text="Write to the candidate", restricted=True
    )
    ActionFactory(
        meeting=record.july, text="Publish the annual report", status=Action.Status.COMPLETE
    )
    board_meeting = MeetingFactory(body=record.cgb, date=datetime.date(2023, 9, 1))
    ActionFactory(meeting=board_meeting, text="Review the Board's risk register")

    def my_actions(page):
        walk = Walk(page, live_server, "member")
        walk.open(reverse("meetings:home"))
        walk.follow("Sign in")
        walk.sign_in("member", "demo-member-2023")
        walk.audit("home, signed in")
        walk.follow("My actions")
        walk.audit("my actions")
        return walk.audits, walk.errors, walk.text("main"), walk.text("header")

    audits, errors, text, header = browser.run(my_actions)

    assert audits == without_violations("sign in", "home, signed in", "my actions")
    assert errors == []
    assert "Outstanding actions of your bodies" in text
    assert outstanding.text in text
    assert restricted.text in text
    assert "Publish the annual report" not in text
    assert "Review the Board's risk register" not in text
    assert "Manjula Sood" in header  # who is signed in


def test_public_searches_with_words_in_any_order(browser, live_server, record):
    ActionFactory(meeting=record.july, text="Report on S106 funding to the Panel")

    def search(page):
        walk = Walk(page, live_server, "search")
        walk.open(reverse("meetings:home"))
        walk.audit("home")
        walk.follow("Search", within="header")
        walk.audit("search")
        page.get_by_label("Search").first.fill("funding S106")
        walk.press("Search")
        walk.audit("results")
        sections = page.locator("main section").evaluate_all(
            "sections => sections.map(s => [s.querySelector('h3').innerText, s.innerText])"
        )
        return walk.audits, walk.errors, dict(sections)

    audits, errors, groups = browser.run(search)

    assert audits == without_violations("home", "search", "results")
    assert errors == []
    found = {heading.split(" (")[0]: text for heading, text in groups.items()}
    assert "Report on S106 funding to the Panel" in found["Actions"]
    assert "S106 funding post review update" in found["Agenda items"]
    assert "That regular updates on S106 funding be brought to the Panel." in found["Decisions"]
