"""The minutes page and the minutes lifecycle (meetings.services); the PDF is in
test_minutes_pdf.py."""

import datetime
import re
from html import unescape

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from meetings import services
from meetings.models import (
    Attendance,
    Declaration,
    Meeting,
    Minutes,
    MinutesEvent,
)
from tests.factories import (
    AgendaItemFactory,
    AttendanceFactory,
    DeclarationFactory,
    ExemptItemFactory,
    MeetingFactory,
    MinutesFactory,
    PersonFactory,
    ResolutionFactory,
)
from tests.markup import EXEMPT_PARAGRAPH_3, as_public_and_member, shown_markup

S = Minutes.Status


def minutes_url(meeting):
    return reverse("meetings:minutes_detail", kwargs={"pk": meeting.pk})


def page_text(response):
    """The visible text of a page, tags removed and whitespace collapsed."""
    html = response.content.decode()
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    html = re.sub(r"</?(a|span|strong|em|abbr)\b[^>]*>", "", html)
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def assert_in_order(text, parts):
    """Each of ``parts`` appears in ``text``, after the one before it."""
    position = 0
    for part in parts:
        found = text.find(part, position)
        assert found >= 0, f"{part!r} is missing, or out of order"
        position = found + len(part)


# --- The minutes page ----------------------------------------------------------------------


def test_minutes_show_every_attendee_in_the_order_printed(client, record):
    text = page_text(client.get(minutes_url(record.july)))

    assert_in_order(
        text,
        [
            "Present",
            "Councillor Deborah Taylor (Chair)",
            "Councillor Sarah Russell (Vice-Chair)",
            "Councillor Allnatt",
            "Councillor Joannou",
            "Parisha Chavda",
            "Apologies",
            "Councillor Blackshaw",
            "In attendance",
            "Mr Rupert Matthews \u2013 Police and Crime Commissioner",
            "Also present",
            "Mrs Anita James \u2013 Senior Democratic Support Officer",
        ],
    )


def test_minutes_show_every_item_and_resolution_in_order(client, record):
    text = page_text(client.get(minutes_url(record.july)))

    assert_in_order(
        text,
        [
            "1. Election of Chair for 2023-24 municipal year",
            "Nominations for the role of Chair",
            "RESOLVED:",
            "That Deborah Taylor be elected as Chair",
            "2. Apologies for absence",
            "Apologies were received from Councillor Blackshaw.",
            "3. S106 funding post review update",
            "The Chair requested that an update",
            "RESOLVED:",
            "1. That the contents of the report be noted.",
            "2. That regular updates on S106 funding be brought to the Panel.",
            "The meeting closed at 1:46pm",
        ],
    )


def test_minutes_heading_names_the_body_meeting_date_and_time(client, record):
    text = page_text(client.get(minutes_url(record.august)))

    assert (
        "Minutes of the meeting of the Leicester, Leicestershire and Rutland Police and Crime "
        "Panel" in text
    )
    assert "Confirmation Hearing for appointment to the role of Chief Executive Officer" in text
    assert "Held: Thursday 10 August 2023 at 10:30am, City Hall, Charles Street" in text


def test_closing_time_is_not_repeated_when_the_last_minute_gives_it(client, record):
    aob = AgendaItemFactory(
        meeting=record.july,
        order=4,
        number="4",
        title="Any other urgent business",
        minutes_text="There being no other business the meeting closed at 1.46pm.",
    )

    text = page_text(client.get(minutes_url(record.july)))

    assert text.count("closed at") == 1
    assert f"{aob.number}. Any other urgent business There being no other business" in text


def test_motion_shows_mover_seconder_and_outcome(client, record):
    text = page_text(client.get(minutes_url(record.july)))

    assert (
        "Moved by Councillor Sarah Russell, seconded by Councillor Allnatt. Carried unanimously."
        in text
    )


def test_minutes_list_members_absent_without_apologies(client, record):
    text = page_text(client.get(minutes_url(record.august)))

    assert_in_order(
        text,
        [
            "Apologies",
            "Councillor Phillimore",
            "Absent without apologies",
            "Parisha Chavda",
            "In attendance",
        ],
    )


def test_exempt_item_is_withheld_from_anonymous_visitors(client, record):
    response = client.get(minutes_url(record.august))
    html = response.content.decode()

    assert response.status_code == 200
    assert (
        "This item was considered in private (exempt information under paragraphs 1 and 3 of "
        "Schedule 12A to the Local Government Act 1972)." in page_text(response)
    )
    assert "very credible" not in html
    assert "deliberations on the preferred candidate" not in html
    assert "Claire Trewartha, be supported" not in html


@pytest.mark.parametrize("client_fixture", ["member_client", "staff_client"])
def test_exempt_item_is_shown_to_members_and_staff(request, record, client_fixture):
    client = request.getfixturevalue(client_fixture)

    text = page_text(client.get(minutes_url(record.august)))

    assert "4. Private session: deliberations on the preferred candidate" in text
    assert "Members felt that the candidate was very credible" in text
    assert "That the proposed appointment of the candidate, Claire Trewartha, be supported." in text
    assert (
        "This item was considered in private (exempt information under paragraphs 1 and 3 of "
        "Schedule 12A to the Local Government Act 1972)." in text
    )


def test_published_draft_minutes_carry_the_draft_banner(client, record):
    text = page_text(client.get(minutes_url(record.august)))

    assert "Draft, subject to confirmation at the next meeting" in text


def test_confirmed_minutes_name_the_confirming_meeting_and_minute(client, record):
    text = page_text(client.get(minutes_url(record.july)))

    assert "Draft, subject to confirmation" not in text
    assert (
        "Confirmed as a correct record at the meeting of the Police and Crime Panel on "
        "9 October 2023, minute 3." in text
    )


def test_draft_minutes_are_not_found_for_anonymous_visitors(client, record):
    response = client.get(minutes_url(record.october))

    assert response.status_code == 404
    assert "draft wording" not in response.content.decode()


def test_draft_minutes_are_not_found_for_members(member_client, record):
    assert member_client.get(minutes_url(record.october)).status_code == 404


def test_staff_see_draft_minutes_marked_unpublished(staff_client, record):
    response = staff_client.get(minutes_url(record.october))

    assert response.status_code == 200
    assert "Draft: not published." in page_text(response)
    assert "That the Panel notes the report (draft wording)." in page_text(response)


def test_a_meeting_without_minutes_has_no_minutes_page(staff_client, record):
    assert staff_client.get(minutes_url(record.december)).status_code == 404


def test_minutes_page_title_never_names_an_exempt_item(client, record):
    html = client.get(minutes_url(record.august)).content.decode()
    title = re.search(r"<title>(.*?)</title>", html, flags=re.S).group(1)

    assert " ".join(title.split()) == (
        "Minutes: Confirmation Hearing for appointment to the role of Chief Executive Officer, "
        "Police and Crime Panel, 10 August 2023 \u2013 Police and Crime Panel"
    )


def add_rows(meeting, count, people):
    """``count`` more items (with resolutions, a motion and an exempt twin), attendees and
    declarations."""
    for n in range(count):
        item = AgendaItemFactory(
            meeting=meeting,
            order=100 + n,
            number=str(100 + n),
            title=f"Report {n}",
            minutes_text=f"Text {n}",
        )
        ResolutionFactory(item=item, number=1, text="That the report be noted.")
        ResolutionFactory(
            item=item,
            number=2,
            text="That a further report be brought.",
            is_motion=True,
            mover=people.taylor,
            seconder=people.russell,
            outcome="carried",
        )
        exempt = AgendaItemFactory(
            meeting=meeting,
            order=200 + n,
            number=str(200 + n),
            title=f"Exempt {n}",
            confidentiality="exempt",
            exempt_paragraphs="1",
        )
        ResolutionFactory(item=exempt, text="That the matter be agreed.")
        person = PersonFactory(slug=f"member-{n}", family_name=f"Member {n}")
        attendance = AttendanceFactory(meeting=meeting, person=person, order=50 + n)
        attendance.items.add(item)
        declaration = DeclarationFactory(
            meeting=meeting, person=person, interest_type="personal", reason="A trustee"
        )
        declaration.items.add(item, exempt)


@pytest.mark.parametrize("extra_rows", [0, 12])
def test_minutes_page_query_count_does_not_grow_with_rows(
    client, record, django_assert_num_queries, extra_rows
):
    add_rows(record.august, extra_rows, record.people)

    # history; meeting, with its minutes; item outline, readable items, resolutions (not
    # papers: the minutes do not list them); attendance, and the items it names where an
    # attendee was there for named items only (the added rows are); declarations, their items.
    with django_assert_num_queries(9 if extra_rows else 8):
        response = client.get(minutes_url(record.august))

    assert response.status_code == 200


@pytest.mark.parametrize("extra_rows", [0, 12])
def test_minutes_page_query_count_for_staff_does_not_grow_with_rows(
    staff_client, record, django_assert_num_queries, extra_rows
):
    add_rows(record.august, extra_rows, record.people)

    # The same, less the outline (staff may read every item, so it comes from the readable
    # items), plus the user and the person the header names (the session comes from the
    # cache; outside a test's transaction the name is kept under the record version).
    with django_assert_num_queries(10 if extra_rows else 9):
        response = staff_client.get(minutes_url(record.august))

    assert response.status_code == 200


def declare_on_private_business_only(record):
    """Councillor Allnatt declares an interest only in the August meeting's private session."""
    declaration = DeclarationFactory(
        meeting=record.august,
        person=record.people.allnatt,
        interest_type=Declaration.InterestType.PERSONAL,
        reason="as a friend of the preferred candidate",
    )
    declaration.items.add(record.august_private)


def test_minutes_show_declarations_after_attendance(client, record):
    text = page_text(client.get(minutes_url(record.august)))

    assert_in_order(
        text,
        [
            "Mrs Anita James",
            "Declarations of interest",
            "Councillor Joannou: other registrable interest in all substantive items",
            "as he had two close relatives that worked for Leicestershire Police",
            "* * * * * * * *",
            "1. Welcome and introductions",
        ],
    )


def test_minutes_say_when_there_were_no_declarations(client, record):
    text = page_text(client.get(minutes_url(record.july)))

    assert_in_order(text, ["Mrs Anita James", "There were no declarations.", "* * *"])


def test_minutes_withhold_a_declaration_only_about_private_business_from_the_public(client, record):
    declare_on_private_business_only(record)

    text = page_text(client.get(minutes_url(record.august)))

    assert "Councillor Joannou: other registrable interest" in text
    assert "friend of the preferred candidate" not in text


def test_minutes_show_staff_a_declaration_about_private_business(staff_client, record):
    declare_on_private_business_only(record)

    text = page_text(staff_client.get(minutes_url(record.august)))

    assert "Councillor Allnatt: personal interest in item 4" in text
    assert "as a friend of the preferred candidate" in text


# --- Lifecycle -----------------------------------------------------------------------------


def history(minutes):
    return [
        (event.from_status, event.to_status, event.actor, event.note)
        for event in MinutesEvent.objects.filter(minutes=minutes).order_by("pk")
    ]


@pytest.fixture
def held_meeting(record):
    return MeetingFactory(
        body=record.panel,
        date=datetime.date(2023, 11, 20),
        start_time=datetime.time(13, 0),
        status=Meeting.Status.HELD,
    )


@time_machine.travel(datetime.date(2023, 11, 21))
def test_create_starts_a_draft_with_a_history_row(held_meeting, staff_user):
    minutes = services.minutes_create(meeting=held_meeting, user=staff_user)

    assert minutes.status == S.DRAFT
    assert history(minutes) == [("", "draft", staff_user, "")]


@time_machine.travel(datetime.date(2023, 11, 21))
def test_create_refuses_a_second_set_of_minutes(record, staff_user):
    with pytest.raises(services.MinutesTransitionNotAllowed, match="already has minutes"):
        services.minutes_create(meeting=record.july, user=staff_user)


@time_machine.travel(datetime.date(2023, 11, 21))
def test_create_refuses_a_cancelled_meeting(held_meeting, staff_user):
    held_meeting.status = Meeting.Status.CANCELLED
    held_meeting.save()

    with pytest.raises(services.MinutesTransitionNotAllowed, match="was cancelled"):
        services.minutes_create(meeting=held_meeting, user=staff_user)
    assert not Minutes.objects.filter(meeting=held_meeting).exists()


@time_machine.travel(datetime.date(2023, 11, 1))
def test_create_refuses_a_meeting_not_yet_held(record, staff_user):
    with pytest.raises(services.MinutesTransitionNotAllowed, match="has not taken place yet"):
        services.minutes_create(meeting=record.december, user=staff_user)


def test_publish_moves_a_draft_to_published_with_a_history_row(record, staff_user):
    minutes = services.minutes_publish(
        minutes=record.october_minutes, user=staff_user, note="Agreed with the Chair"
    )

    minutes.refresh_from_db()
    assert minutes.status == S.PUBLISHED
    assert minutes.published_at is not None
    assert history(minutes)[-1] == ("draft", "published", staff_user, "Agreed with the Chair")


def test_publish_makes_the_minutes_public(client, record, staff_user):
    services.minutes_publish(minutes=record.october_minutes, user=staff_user)

    response = client.get(minutes_url(record.october))

    assert response.status_code == 200
    assert "Draft, subject to confirmation at the next meeting" in page_text(response)


def test_publish_refuses_minutes_already_published(record, staff_user):
    with pytest.raises(
        services.MinutesTransitionNotAllowed,
        match="already published as draft, subject to confirmation: only draft minutes",
    ):
        services.minutes_publish(minutes=record.august_minutes, user=staff_user)
    assert len(history(record.august_minutes)) == 2


def test_confirm_links_the_minutes_to_the_confirming_resolution(record, staff_user):
    later = MeetingFactory(
        body=record.panel, date=datetime.date(2023, 12, 13), status=Meeting.Status.HELD
    )
    item = AgendaItemFactory(meeting=later, order=3, number="3", title="Minutes")
    resolution = ResolutionFactory(
        item=item, text="That the minutes of 10 August 2023 be confirmed as a correct record."
    )

    minutes = services.minutes_confirm(
        minutes=record.august_minutes, resolution=resolution, user=staff_user
    )

    minutes.refresh_from_db()
    assert (minutes.status, minutes.confirmed_by) == (S.CONFIRMED, resolution)
    assert minutes.confirmed_at is not None
    assert history(minutes)[-1] == ("published", "confirmed", staff_user, "")


def test_confirm_refuses_unpublished_minutes(record, staff_user, held_meeting):
    item = AgendaItemFactory(meeting=held_meeting, order=1, title="Minutes")
    resolution = ResolutionFactory(item=item, text="That the minutes be confirmed.")

    with pytest.raises(services.MinutesTransitionNotAllowed, match="have not been published"):
        services.minutes_confirm(
            minutes=record.october_minutes, resolution=resolution, user=staff_user
        )
    record.october_minutes.refresh_from_db()
    assert record.october_minutes.status == S.DRAFT
    assert len(history(record.october_minutes)) == 1


def test_confirm_refuses_a_resolution_of_an_earlier_meeting(record, staff_user):
    with pytest.raises(services.MinutesTransitionNotAllowed, match="not after the meeting"):
        services.minutes_confirm(
            minutes=record.august_minutes, resolution=record.july_resolutions[1], user=staff_user
        )
    record.august_minutes.refresh_from_db()
    assert record.august_minutes.status == S.PUBLISHED


def test_confirm_refuses_a_resolution_of_another_body(record, staff_user):
    board = MeetingFactory(
        body=record.cgb, kind="board", date=datetime.date(2023, 9, 25), status="held"
    )
    item = AgendaItemFactory(meeting=board, order=1, title="Minutes")
    resolution = ResolutionFactory(item=item, text="That the minutes be confirmed.")

    with pytest.raises(services.MinutesTransitionNotAllowed, match="made by Corporate Governance"):
        services.minutes_confirm(
            minutes=record.august_minutes, resolution=resolution, user=staff_user
        )
    assert len(history(record.august_minutes)) == 2


def test_confirm_refuses_minutes_already_confirmed(record, staff_user):
    with pytest.raises(services.MinutesTransitionNotAllowed, match="already confirmed"):
        services.minutes_confirm(
            minutes=record.july_minutes, resolution=record.confirming, user=staff_user
        )


def test_unpublish_withdraws_published_minutes_with_the_reason(client, record, staff_user):
    services.minutes_unpublish(
        minutes=record.august_minutes, user=staff_user, note="Published before the Chair saw it"
    )

    record.august_minutes.refresh_from_db()
    assert record.august_minutes.status == S.DRAFT
    assert history(record.august_minutes)[-1] == (
        "published",
        "draft",
        staff_user,
        "Published before the Chair saw it",
    )
    assert client.get(minutes_url(record.august)).status_code == 404


def test_unpublish_needs_a_reason(record, staff_user):
    with pytest.raises(services.MinutesTransitionNotAllowed, match="Say why"):
        services.minutes_unpublish(minutes=record.august_minutes, user=staff_user, note=" ")
    assert len(history(record.august_minutes)) == 2


def test_unpublish_refuses_confirmed_minutes(record, staff_user):
    with pytest.raises(services.MinutesTransitionNotAllowed, match="record a correction"):
        services.minutes_unpublish(minutes=record.july_minutes, user=staff_user, note="Oops")
    record.july_minutes.refresh_from_db()
    assert record.july_minutes.status == S.CONFIRMED


def test_correct_changes_the_text_and_keeps_the_earlier_text(record, staff_user):
    s106 = record.july_items[2]
    earlier = s106.minutes_text

    services.minutes_correct(
        minutes=record.july_minutes,
        user=staff_user,
        note="Minute 3 corrected as agreed at minute 3 of 9 October 2023",
        items={s106: {"minutes_text": "The Panel received a corrected report."}},
    )

    s106.refresh_from_db()
    assert s106.minutes_text == "The Panel received a corrected report."
    event = MinutesEvent.objects.filter(minutes=record.july_minutes).latest("pk")
    assert (event.from_status, event.to_status, event.actor) == (
        "confirmed",
        "confirmed",
        staff_user,
    )
    assert event.snapshot["items"] == [
        {
            "id": s106.pk,
            "number": "3",
            "title": "S106 funding post review update",
            "confidentiality": "public",
            "earlier": {"minutes_text": earlier},
        }
    ]


def test_correct_keeps_the_earlier_text_of_a_resolution(record, staff_user):
    resolution = record.july_resolutions[2]

    services.minutes_correct(
        minutes=record.july_minutes,
        user=staff_user,
        note="Wording of resolution 3.2 corrected",
        resolutions={resolution.pk: "That quarterly updates on S106 funding be brought."},
    )

    resolution.refresh_from_db()
    assert resolution.text == "That quarterly updates on S106 funding be brought."
    snapshot = MinutesEvent.objects.filter(minutes=record.july_minutes).latest("pk").snapshot
    assert snapshot["resolutions"][0]["earlier"] == {
        "text": "That regular updates on S106 funding be brought to the Panel."
    }


def test_correction_shows_on_the_minutes_page_with_the_earlier_text(client, record, staff_user):
    services.minutes_correct(
        minutes=record.july_minutes,
        user=staff_user,
        note="Minute 2 corrected",
        items={record.july_items[1]: {"minutes_text": "Apologies were received from Cllr Wyatt."}},
    )

    text = page_text(client.get(minutes_url(record.july)))

    assert "Apologies were received from Cllr Wyatt." in text
    assert "Corrected. Minute 2 corrected" in text
    assert (
        "Text before this correction Item 2, earlier text Apologies were received from "
        "Councillor Blackshaw." in text
    )


def test_correction_of_an_exempt_item_keeps_its_earlier_text_from_the_public(
    record, staff_user, member_user
):
    anonymous_client, member_client = Client(), Client()
    member_client.force_login(member_user)
    services.minutes_correct(
        minutes=record.august_minutes,
        user=staff_user,
        note="Private session wording corrected",
        items={record.august_private: {"minutes_text": "Members found the candidate credible."}},
    )

    anonymous = page_text(anonymous_client.get(minutes_url(record.august)))
    member = page_text(member_client.get(minutes_url(record.august)))

    assert "very credible" not in anonymous
    assert "Private session wording corrected" not in anonymous
    assert "Corrected" in anonymous
    assert "Corrected. Private session wording corrected" in member
    assert "Members felt that the candidate was very credible" in member


def test_correct_refuses_draft_minutes(record, staff_user):
    item = record.october.items.first()

    with pytest.raises(services.MinutesTransitionNotAllowed, match="still a draft"):
        services.minutes_correct(
            minutes=record.october_minutes,
            user=staff_user,
            note="Typo",
            items={item: {"minutes_text": "New"}},
        )
    assert len(history(record.october_minutes)) == 1


def test_correct_needs_a_note(record, staff_user):
    with pytest.raises(services.MinutesTransitionNotAllowed, match="Say what was corrected"):
        services.minutes_correct(
            minutes=record.july_minutes,
            user=staff_user,
            note="",
            items={record.july_items[1]: {"minutes_text": "New"}},
        )
    record.july_items[1].refresh_from_db()
    assert record.july_items[1].minutes_text.startswith("Apologies were received")


def test_correct_refuses_an_item_of_another_meeting(record, staff_user):
    with pytest.raises(services.MinutesTransitionNotAllowed, match="is not part of the meeting"):
        services.minutes_correct(
            minutes=record.july_minutes,
            user=staff_user,
            note="Wrong meeting",
            items={record.august_items[0]: {"minutes_text": "New"}},
        )
    record.august_items[0].refresh_from_db()
    assert record.august_items[0].minutes_text.startswith("The Chair welcomed")
    assert len(history(record.july_minutes)) == 3


def test_correct_refuses_fields_other_than_title_and_text(record, staff_user):
    with pytest.raises(services.MinutesTransitionNotAllowed, match="not confidentiality"):
        services.minutes_correct(
            minutes=record.july_minutes,
            user=staff_user,
            note="Make it public",
            items={record.july_items[1]: {"confidentiality": "exempt"}},
        )


def test_correct_refuses_a_change_that_changes_nothing(record, staff_user):
    item = record.july_items[1]

    with pytest.raises(services.MinutesTransitionNotAllowed, match="changes nothing"):
        services.minutes_correct(
            minutes=record.july_minutes,
            user=staff_user,
            note="Same",
            items={item: {"minutes_text": item.minutes_text}},
        )
    assert len(history(record.july_minutes)) == 3


def test_refusals_are_validation_errors_for_the_admin_and_api(record, staff_user):
    with pytest.raises(ValidationError):
        services.minutes_publish(minutes=record.july_minutes, user=staff_user)


def test_attendance_statuses_cover_every_section(record):
    # The page prints a section per status; a new status needs a heading there.
    from meetings.views.meetings import ATTENDANCE_SECTIONS

    assert {status for status, _ in ATTENDANCE_SECTIONS} == set(Attendance.Status.values)


# --- The steps, declared once (services.STEPS) ----------------------------------------------


def minutes_in(record, status):
    return {
        S.DRAFT: record.october_minutes,
        S.PUBLISHED: record.august_minutes,
        S.CONFIRMED: record.july_minutes,
    }[status]


def inputs_for(step, record):
    """Valid inputs for ``step``, as far as they go without the status allowing it."""
    inputs = {"note": "Because"}
    if step.asks_resolution:
        inputs["resolution"] = record.confirming
    if step.asks_corrections:
        inputs["items"] = {record.october.items.first(): {"minutes_text": "New"}}
    return inputs


REFUSED = [
    (name, status)
    for name, step in services.STEPS.items()
    for status in S.values
    if status not in step.allowed_from
]


@pytest.mark.parametrize(("name", "status"), REFUSED)
def test_each_step_refuses_the_statuses_it_does_not_allow_with_its_message(
    record, staff_user, name, status
):
    step = services.STEPS[name]
    minutes = minutes_in(record, status)
    before = history(minutes)
    expected = step.refusals[status].format(
        meeting=minutes.meeting, status=minutes.get_status_display().lower()
    )

    with pytest.raises(services.MinutesTransitionNotAllowed) as refusal:
        services.minutes_step(
            minutes=minutes, step=name, user=staff_user, **inputs_for(step, record)
        )

    assert refusal.value.messages == [expected]
    assert refusal.value.code == "transition_not_allowed"
    assert history(minutes) == before


def test_steps_allowed_follow_the_status(record):
    def names(minutes):
        return [step.name for step in services.steps_allowed(minutes)]

    assert names(record.october_minutes) == ["publish"]
    assert names(record.august_minutes) == ["confirm", "correct", "unpublish"]
    assert names(record.july_minutes) == ["correct"]


def test_a_step_must_say_something_to_every_status_it_does_not_allow():
    with pytest.raises(ValueError, match="says nothing to minutes that are"):
        services.MinutesStep(
            name="archive",
            label="Archive",
            done="Archived",
            explanation="",
            allowed_from=(S.CONFIRMED,),
            to=S.CONFIRMED,
            note_label="Note",
            refusals={S.DRAFT: "Not a draft."},
            service=services.minutes_publish,
        )


def test_an_unknown_step_is_refused(record, staff_user):
    with pytest.raises(ValidationError, match="Unknown step 'approve'"):
        services.minutes_step(minutes=record.august_minutes, step="approve", user=staff_user)


def test_confirm_refuses_a_resolution_of_a_meeting_not_yet_held(record, staff_user):
    item = record.december.items.get()
    resolution = ResolutionFactory(item=item, text="That the minutes be confirmed.")

    with pytest.raises(services.MinutesInputRefused, match="is recorded as scheduled, not held"):
        services.minutes_confirm(
            minutes=record.august_minutes, resolution=resolution, user=staff_user
        )
    record.august_minutes.refresh_from_db()
    assert record.august_minutes.status == S.PUBLISHED


def test_refusals_of_input_name_the_input_at_fault(record, staff_user):
    with pytest.raises(services.MinutesInputRefused) as refusal:
        services.minutes_confirm(
            minutes=record.august_minutes, resolution=record.july_resolutions[1], user=staff_user
        )

    assert (refusal.value.field, refusal.value.code) == ("resolution", "not_later")


def test_confirming_resolutions_are_of_later_held_meetings_of_the_body(record):
    offered = set(services.confirming_resolutions(record.august_minutes))

    assert offered == {record.confirming, record.draft_resolution}


# --- Corrections of attendance and declarations -------------------------------------------


def test_correct_changes_attendance_and_keeps_the_earlier_values(record, staff_user):
    chavda = Attendance.objects.get(meeting=record.august, person=record.people.chavda)

    services.minutes_correct(
        minutes=record.august_minutes,
        user=staff_user,
        note="Ms Chavda had sent apologies",
        attendances={chavda.pk: {"status": "apologies"}},
    )

    chavda.refresh_from_db()
    assert chavda.status == "apologies"
    snapshot = MinutesEvent.objects.filter(minutes=record.august_minutes).latest("pk").snapshot
    assert snapshot["attendances"] == [
        {
            "id": chavda.pk,
            "person": "Parisha Chavda",
            "confidentiality": "public",
            "earlier": {"status": "absent"},
        }
    ]


def test_correct_moves_the_chair_from_one_member_to_another(record, staff_user):
    taylor = Attendance.objects.get(meeting=record.august, person=record.people.taylor)
    russell = Attendance.objects.get(meeting=record.august, person=record.people.russell)

    services.minutes_correct(
        minutes=record.august_minutes,
        user=staff_user,
        note="The Vice-Chair was in the Chair",
        attendances={russell: {"is_chair": True}, taylor: {"is_chair": False}},
    )

    assert list(
        Attendance.objects.filter(meeting=record.august, is_chair=True).values_list(
            "person__family_name", flat=True
        )
    ) == ["Russell"]


def test_correct_refuses_attendance_that_leaves_a_declaration_by_someone_absent(record, staff_user):
    joannou = Attendance.objects.get(meeting=record.august, person=record.people.joannou)

    with pytest.raises(services.MinutesInputRefused, match="Joannou is not recorded as present"):
        services.minutes_correct(
            minutes=record.august_minutes,
            user=staff_user,
            note="Councillor Joannou sent apologies",
            attendances={joannou: {"status": "apologies"}},
        )
    joannou.refresh_from_db()
    assert joannou.status == "present"
    assert len(history(record.august_minutes)) == 2


def test_correct_changes_a_declaration_and_keeps_the_earlier_reason(record, staff_user):
    declaration = Declaration.objects.get(meeting=record.august)

    services.minutes_correct(
        minutes=record.august_minutes,
        user=staff_user,
        note="Reason corrected",
        declarations={declaration: {"reason": "as his brother works for Leicestershire Police"}},
    )

    declaration.refresh_from_db()
    assert declaration.reason == "as his brother works for Leicestershire Police"
    snapshot = MinutesEvent.objects.filter(minutes=record.august_minutes).latest("pk").snapshot
    assert snapshot["declarations"][0]["earlier"] == {
        "reason": "as he had two close relatives that worked for Leicestershire Police"
    }


def test_correct_refuses_changing_who_attended(record, staff_user):
    row = Attendance.objects.get(meeting=record.august, person=record.people.chavda)

    with pytest.raises(services.MinutesInputRefused, match="not person"):
        services.minutes_correct(
            minutes=record.august_minutes,
            user=staff_user,
            note="Someone else",
            attendances={row: {"person": record.people.agath}},
        )


def test_correct_refuses_an_attendance_row_of_another_meeting(record, staff_user):
    row = Attendance.objects.get(meeting=record.july, person=record.people.blackshaw)

    with pytest.raises(services.MinutesInputRefused, match="is not part of the meeting") as e:
        services.minutes_correct(
            minutes=record.august_minutes,
            user=staff_user,
            note="Wrong meeting",
            attendances={row: {"status": "absent"}},
        )
    assert e.value.field == "attendances"
    row.refresh_from_db()
    assert row.status == "apologies"


# --- The published record ------------------------------------------------------------------


def test_the_record_is_locked_once_the_minutes_are_published(record, held_meeting):
    assert services.meeting_record_locked(record.july) is True
    assert services.meeting_record_locked(record.august) is True
    assert services.meeting_record_locked(record.october) is False
    assert services.meeting_record_locked(held_meeting) is False


def test_withdrawing_the_minutes_unlocks_the_record(record, staff_user):
    services.minutes_unpublish(minutes=record.august_minutes, user=staff_user, note="Early")

    assert services.meeting_record_locked(record.august) is False


# --- Each minute's markup ------------------------------------------------------------------


def minute_sections(response):
    """Each minute's markup, as a browser shows it."""
    page = shown_markup(response.content.decode())
    return re.findall(r'<section class="app-minutes__item".*?</section>', page)


@pytest.mark.django_db
def test_each_minute_carries_its_number_title_words_and_resolutions(client, member_user):
    meeting = MeetingFactory(date=datetime.date(2024, 3, 6))
    MinutesFactory(meeting=meeting, status=S.PUBLISHED)
    first = AgendaItemFactory(
        meeting=meeting,
        order=1,
        number="1",
        title="Apologies & <substitutes>",
        minutes_text="Apologies were received from:\nCllr <Smith>.\n\nNo substitutes.",
    )
    budget = AgendaItemFactory(meeting=meeting, order=2, number="", title="Precept")
    ResolutionFactory(item=budget, number=1, text="That the report be noted.\nAnd filed.")
    chair = PersonFactory(given_name="Ann", family_name="Chair", honorific="Cllr")
    ResolutionFactory(
        item=budget,
        number=2,
        text="That the precept be vetoed.",
        is_motion=True,
        mover=chair,
        seconder=PersonFactory(given_name="Bo", family_name="Second"),
        outcome="lost",
        votes_for=3,
        abstentions=1,
    )
    # Unnumbered, and alone on its item: where it sorts among numbered ones is the database's.
    ResolutionFactory(item=first, number=None, text="That they be noted.", outcome="carried")
    ResolutionFactory(item=budget, number=4, text="Withdrawn motion.", is_motion=True)
    custody = ExemptItemFactory(
        meeting=meeting,
        order=3,
        number="3",
        title="Custody contract",
        minutes_text="The Panel discussed the tenders.",
    )
    ResolutionFactory(item=custody, text="That the contract be awarded.")

    public, member = as_public_and_member(
        client, member_user, minutes_url(meeting), minute_sections
    )

    def section(order, heading, body):
        return (
            f'<section class="app-minutes__item" id="item-{order}" '
            f'aria-labelledby="item-{order}-heading">'
            f'<h2 class="govuk-heading-m app-minutes__item-heading" id="item-{order}-heading">'
            f"{heading}</h2>{body}</section>"
        )

    def resolved(*resolutions):
        return (
            '<p class="govuk-body app-minutes__resolved">RESOLVED:</p>'
            f'<ol class="govuk-list app-minutes__resolutions">{"".join(resolutions)}</ol>'
        )

    def resolution(text, motion=None):
        line = f'<p class="govuk-body app-minutes__motion">{motion}</p>' if motion else ""
        return f'<li><p class="govuk-body">{text}</p>{line}</li>'

    apologies = section(
        1,
        "1. Apologies &amp; &lt;substitutes&gt;",
        '<div class="app-minutes__text"><p>Apologies were received from:<br>'
        "Cllr &lt;Smith&gt;.</p><p>No substitutes.</p></div>"
        + resolved(resolution("That they be noted.", "Carried.")),
    )
    precept = section(
        2,
        "Precept",
        resolved(
            resolution("1. That the report be noted.<br>And filed."),
            resolution(
                "2. That the precept be vetoed.",
                "Moved by Cllr Ann Chair, seconded by Bo Second. "
                "Lost (for 3, against \u2013, abstentions 1).",
            ),
            # A motion with neither mover nor outcome recorded has no empty line for them.
            resolution("4. Withdrawn motion."),
        ),
    )
    assert public == [
        apologies,
        precept,
        section(
            3,
            "3. Item considered in private",
            f'<p class="govuk-body app-private-item">{EXEMPT_PARAGRAPH_3}</p>',
        ),
    ]
    assert member == [
        apologies,
        precept,
        section(
            3,
            "3. Custody contract",
            '<p class="govuk-body app-private-item"><strong class="govuk-tag govuk-tag--grey">'
            f"Exempt (Schedule 12A), taken in private</strong> {EXEMPT_PARAGRAPH_3}</p>"
            '<div class="app-minutes__text"><p>The Panel discussed the tenders.</p></div>'
            + resolved(resolution("That the contract be awarded.")),
        ),
    ]
