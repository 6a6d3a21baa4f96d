"""Democratic services' daily jobs in the admin, walked end to end in a real browser.

Each test signs in as an officer (the "Democratic services" group) and does one job as they
would, by the admin's links and buttons, with axe-core (WCAG 2.0, 2.1 and 2.2 A and AA) at
every page on the way; then it checks what was recorded and what the pages say. The walks of
owners, members and the public are in tests/test_browser_jobs_people.py.
"""

import datetime

import pytest
from django.urls import reverse

from actions.models import Action
from meetings.models import Attendance, Meeting, Membership, Minutes
from tests.browser_walk import Walk, chromium, without_violations
from tests.factories import (
    ActionFactory,
    AgendaItemFactory,
    MeetingFactory,
    MembershipFactory,
    ResolutionFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.sweeping, pytest.mark.django_db(transaction=True)]


@pytest.fixture(scope="module")
def browser():
    yield from chromium()


OFFICER = ("officer", "demo-officer-2023")

# Where keyboard focus is, and whether a ring of at least 2 px shows it. An autocomplete box's
# typing field is ringed by its box.
FOCUS_RING = """() => {
  const focused = document.activeElement;
  if (focused === document.body) return ['the browser', true];  // past the end of the page
  const ringed = focused.closest('.select2-container')?.querySelector('.select2-selection')
    || focused;
  const style = getComputedStyle(ringed);
  const name = `${focused.tagName.toLowerCase()}#${focused.id} "${
    (focused.tagName === 'INPUT' ? focused.value : focused.textContent).trim().slice(0, 30)}"`;
  return [name, style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2];
}"""


def test_officer_takes_the_register_with_a_substitute(browser, live_server, record, staff_user):
    december, people = record.december, record.people
    # Councillor Phillimore is a named substitute of the Panel: not on the register, but one
    # of those who may substitute for a member.
    MembershipFactory(
        person=people.phillimore,
        body=record.panel,
        role=Membership.Role.SUBSTITUTE,
        start_date=datetime.date(2023, 5, 1),
    )
    meeting_page = reverse("admin:meetings_meeting_change", args=[december.pk])

    def take_register(page):
        walk = Walk(page, live_server, "register")
        walk.open(meeting_page)
        walk.sign_in(*OFFICER)
        walk.audit("meeting")
        walk.follow("Take the register")
        walk.audit("register")
        # Found by what a screen reader announces: the row's group and the labels in it.
        marks = page.get_by_role("group", name=f"Attendance of {people.agath}")
        marks.get_by_label("Apologies, substituted").check()
        page.get_by_label(f"Substitute for {people.agath}").select_option(
            label=str(people.phillimore)
        )
        walk.press("Save the register")
        walk.audit("meeting, register taken")
        return walk.audits, walk.messages(), walk.errors

    audits, messages, errors = browser.run(take_register)

    assert audits == without_violations("sign in", "meeting", "register", "meeting, register taken")
    assert errors == []
    assert any(m.startswith(f"Register taken for {december}") for m in messages), messages
    rows = {
        row.person.slug: (row.status, row.substitute_for and row.substitute_for.slug)
        for row in Attendance.objects.filter(meeting=december).select_related(
            "person", "substitute_for"
        )
    }
    assert rows["agath"] == (Attendance.Status.APOLOGIES, None)
    assert rows["phillimore"] == (Attendance.Status.PRESENT, "agath")
    assert rows["deborah-taylor"] == (Attendance.Status.PRESENT, None)
    assert len(rows) == 8  # the Panel's seven members on the day, and the substitute


def test_officer_completes_an_action_from_its_page(browser, live_server, record, staff_user):
    action = ActionFactory(meeting=record.july, text="Bring an update on S106 funding")
    action_page = reverse("admin:actions_action_change", args=[action.pk])

    def complete(page):
        walk = Walk(page, live_server, "complete")
        walk.open(reverse("admin:index"))
        walk.sign_in(*OFFICER)
        walk.audit("admin home")
        walk.follow("Actions", within="#content-main")
        walk.audit("actions")
        # The list's link reads the action's text and, below it, the meeting it arose at.
        walk.follow(f"{action.text} {action.meeting}", within="#result_list")
        walk.audit("action")
        walk.press("Mark complete")
        walk.audit("mark complete")
        page.get_by_label("Status as it will be reported (optional)").fill("Complete")
        page.get_by_label("Note for the history (optional)").fill("Update given in October.")
        walk.press("Mark complete")
        walk.audit("action, complete")
        return walk.audits, walk.messages(), walk.errors, page.url

    audits, messages, errors, landed = browser.run(complete)

    assert audits == without_violations(
        "sign in", "admin home", "actions", "action", "mark complete", "action, complete"
    )
    assert errors == []
    assert landed == f"{live_server.url}{action_page}"
    assert any(m.startswith("Marked complete 1 action") for m in messages), messages
    action.refresh_from_db()
    assert (action.status, action.status_wording) == (Action.Status.COMPLETE, "Complete")
    last = action.history.last()
    assert (last.from_status, last.to_status, last.actor, last.note) == (
        Action.Status.OPEN,
        Action.Status.COMPLETE,
        staff_user,
        "Update given in October.",
    )


def test_officer_sees_where_the_keyboard_is_on_an_action_page(
    browser, live_server, record, staff_user
):
    action = ActionFactory(meeting=record.july)

    def tab_through(page):
        walk = Walk(page, live_server, "focus")
        walk.open(reverse("admin:actions_action_change", args=[action.pk]))
        walk.sign_in(*OFFICER)
        stops = []
        # Round the page once: until focus comes back to where it first went.
        while len(stops) < 400 and (len(stops) < 2 or stops[-1] != stops[0]):
            page.keyboard.press("Tab")
            stops.append(page.evaluate(FOCUS_RING))
        return stops

    stops = browser.run(tab_through)

    assert [name for name, ringed in stops if not ringed] == []
    # From the skip link through the sidebar, the form, its step buttons and the footer.
    names = " ".join(name for name, _ in stops)
    assert "Skip to main content" in names
    assert "Mark complete" in names


def _confirming_meeting(record):
    """A meeting of the Panel, after 9 October, that confirmed the October minutes."""
    november = MeetingFactory(
        body=record.panel, date=datetime.date(2023, 11, 20), status=Meeting.Status.HELD
    )
    item = AgendaItemFactory(meeting=november, order=1, number="1", title="Minutes")
    return ResolutionFactory(
        item=item,
        text="That the minutes of the meeting held on 9 October 2023 be confirmed as a correct "
        "record.",
    )


def test_officer_publishes_then_confirms_minutes(browser, live_server, record, staff_user):
    minutes = record.october_minutes
    resolution = _confirming_meeting(record)
    minutes_page = reverse("admin:meetings_minutes_change", args=[minutes.pk])
    home = reverse("meetings:home")

    # The public has the home page before the minutes are confirmed (so a cached copy is
    # there to go stale), and after.
    def before(page):
        page.goto(f"{live_server.url}{home}")
        return page.inner_text("main")

    def publish_and_confirm(page):
        walk = Walk(page, live_server, "minutes")
        walk.open(minutes_page)
        walk.sign_in(*OFFICER)
        walk.audit("minutes, draft")
        walk.follow("Publish as draft")
        walk.audit("publish")
        walk.press("Publish as draft")
        walk.audit("minutes, published")
        walk.follow("Confirm")
        walk.audit("confirm")
        page.get_by_label("Confirming resolution").select_option(str(resolution.pk))
        walk.press("Confirm")
        walk.audit("minutes, confirmed")
        return walk.audits, walk.messages(), walk.errors

    def after(page):
        walk = Walk(page, live_server, "minutes public")
        walk.open(home)
        walk.audit("home")
        return walk.audits, walk.text()

    home_before = browser.run(before)
    audits, messages, errors = browser.run(publish_and_confirm)
    public_audits, home_after = browser.run(after)

    assert audits == without_violations(
        "sign in",
        "minutes, draft",
        "publish",
        "minutes, published",
        "confirm",
        "minutes, confirmed",
    )
    assert public_audits == without_violations("home")
    assert errors == []
    assert any(m.startswith("Confirmed the minutes of") for m in messages), messages
    minutes.refresh_from_db()
    assert (minutes.status, minutes.confirmed_by) == (Minutes.Status.CONFIRMED, resolution)
    assert list(minutes.history.values_list("to_status", flat=True))[-2:] == [
        Minutes.Status.PUBLISHED,
        Minutes.Status.CONFIRMED,
    ]
    listed = "Minutes of the Police and Crime Panel, 9 October 2023"
    assert listed not in home_before
    assert listed in home_after
