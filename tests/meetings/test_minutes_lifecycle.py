"""The minutes' lifecycle in the admin: each step's button, page and service, from the table.

Officers (democratic services) publish, confirm, correct and withdraw minutes from the
minutes' page; each step is declared once in meetings.services.STEPS.
"""

import datetime
import re
from html import unescape

import pytest
from django.test import Client
from django.urls import reverse

from meetings import services
from meetings.models import (
    AgendaItem,
    Attendance,
    Minutes,
    MinutesEvent,
    Resolution,
)
from tests.factories import AgendaItemFactory, MeetingFactory, ResolutionFactory

S = Minutes.Status


def text_of(response):
    """The visible text of a page, tags removed and whitespace collapsed."""
    html = response.content.decode()
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    html = re.sub(r"</?(a|span|strong|em|abbr)\b[^>]*>", "", html)
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def change_url(minutes):
    return reverse("admin:meetings_minutes_change", args=[minutes.pk])


def step_url(minutes, step):
    return reverse("admin:meetings_minutes_step", args=[minutes.pk, step])


def history(minutes):
    return [
        (event.from_status, event.to_status, event.note)
        for event in MinutesEvent.objects.filter(minutes=minutes).order_by("pk")
    ]


@pytest.fixture
def confirming_august(record):
    """The 9 October meeting's resolution confirming the minutes of 10 August."""
    item = record.october.items.get(number="3")
    return ResolutionFactory(
        item=item,
        number=2,
        text="That the minutes of the meeting held on 10 August 2023 be confirmed as a "
        "correct record.",
        kind=Resolution.Kind.APPROVED,
    )


# --- The buttons -------------------------------------------------------------------------


def test_published_minutes_offer_confirm_correct_and_withdraw(staff_client, record):
    response = staff_client.get(change_url(record.august_minutes))

    html = response.content.decode()
    assert response.status_code == 200
    for step in ("confirm", "correct", "unpublish"):
        label = services.STEPS[step].label
        assert f'<a href="{step_url(record.august_minutes, step)}" class="button">{label}</a>' in (
            html
        )
    assert step_url(record.august_minutes, "publish") not in html


def test_draft_minutes_offer_only_publishing(staff_client, record):
    html = staff_client.get(change_url(record.october_minutes)).content.decode()

    assert step_url(record.october_minutes, "publish") in html
    for step in ("confirm", "correct", "unpublish"):
        assert step_url(record.october_minutes, step) not in html


def test_confirmed_minutes_offer_only_a_correction(staff_client, record):
    html = staff_client.get(change_url(record.july_minutes)).content.decode()

    assert step_url(record.july_minutes, "correct") in html
    for step in ("publish", "confirm", "unpublish"):
        assert step_url(record.july_minutes, step) not in html


def test_minutes_page_shows_the_history_with_a_corrections_earlier_text(staff_client, record):
    services.minutes_correct(
        minutes=record.july_minutes,
        user=None,
        note="Minute 2 corrected",
        items={record.july_items[1]: {"minutes_text": "Apologies from Cllr Wyatt."}},
        resolutions={record.july_resolutions[2]: "That quarterly updates be brought."},
    )

    text = text_of(staff_client.get(change_url(record.july_minutes)))

    assert "Minute 2 corrected" in text
    assert "Item 2, minute: Apologies were received from Councillor Blackshaw." in text
    assert (
        "Resolution 3.2, text: That regular updates on S106 funding be brought to the Panel."
        in text
    )
    assert 'name="history-0-note"' not in text


def test_a_step_the_status_does_not_allow_is_refused_with_the_reason(staff_client, record):
    response = staff_client.get(step_url(record.october_minutes, "confirm"), follow=True)

    assert response.redirect_chain[-1][0] == change_url(record.october_minutes)
    assert (
        "The minutes of Police and Crime Panel, 9 October 2023 have not been published: "
        "publish them as a draft before a later meeting confirms them." in text_of(response)
    )


def test_an_unknown_step_is_not_found(staff_client, record):
    response = staff_client.get(f"/admin/meetings/minutes/{record.august_minutes.pk}/step/approve/")

    assert response.status_code == 404


def test_panel_members_cannot_take_a_step(client, record, member_user):
    member_user.is_staff = True
    member_user.save()
    client.force_login(member_user)

    response = client.post(step_url(record.october_minutes, "publish"), {"note": ""})

    assert response.status_code == 403
    record.october_minutes.refresh_from_db()
    assert record.october_minutes.status == S.DRAFT


# --- Publish -----------------------------------------------------------------------------


def test_publishing_from_the_minutes_page(staff_client, record):
    response = staff_client.post(
        step_url(record.october_minutes, "publish"), {"note": "Agreed with the Chair"}, follow=True
    )

    assert (
        "Published the minutes of Police and Crime Panel, 9 October 2023 as a draft, subject "
        "to confirmation." in text_of(response)
    )
    assert history(record.october_minutes)[-1] == ("draft", "published", "Agreed with the Chair")


# --- Confirm -----------------------------------------------------------------------------


def test_officer_confirms_minutes_by_choosing_the_resolution_and_the_home_page_lists_them(
    staff_client, record, confirming_august
):
    public = Client()
    before = text_of(public.get("/"))
    page = staff_client.get(step_url(record.august_minutes, "confirm"))
    option = re.search(
        rf'<option value="{confirming_august.pk}"( selected)?>([^<]*)</option>',
        page.content.decode(),
    )

    response = staff_client.post(
        step_url(record.august_minutes, "confirm"),
        {"resolution": confirming_august.pk, "note": "Confirmed at minute 3"},
        follow=True,
    )

    assert option is not None and option.group(1) == " selected"
    assert unescape(option.group(2)).startswith(
        "Police and Crime Panel, 9 October 2023, minute 3.2: That the minutes of the meeting "
        "held on 10 August 2023"
    )
    assert (
        "Confirmed the minutes of Police and Crime Panel, 10 August 2023 as a correct record."
        in text_of(response)
    )
    record.august_minutes.refresh_from_db()
    assert (record.august_minutes.status, record.august_minutes.confirmed_by) == (
        S.CONFIRMED,
        confirming_august,
    )
    assert history(record.august_minutes)[-1] == ("published", "confirmed", "Confirmed at minute 3")
    assert "Minutes of the Police and Crime Panel, 10 August 2023" not in before
    assert "Minutes of the Police and Crime Panel, 10 August 2023" in text_of(public.get("/"))


def test_confirm_offers_only_resolutions_of_later_held_meetings_of_the_body(
    staff_client, record, confirming_august
):
    board = MeetingFactory(
        body=record.cgb, kind="board", date=datetime.date(2023, 9, 25), status="held"
    )
    board_item = AgendaItemFactory(meeting=board, order=1, title="Minutes")
    board_resolution = ResolutionFactory(item=board_item, text="That the minutes be agreed.")
    scheduled_item = record.december.items.get()
    scheduled = ResolutionFactory(item=scheduled_item, text="That the minutes be agreed.")

    html = staff_client.get(step_url(record.august_minutes, "confirm")).content.decode()
    offered = {int(pk) for pk in re.findall(r'<option value="(\d+)"', html)}

    assert offered == {confirming_august.pk, record.confirming.pk, record.draft_resolution.pk}
    assert board_resolution.pk not in offered
    assert scheduled.pk not in offered
    assert record.exclusion.pk not in offered  # of the meeting itself
    assert "Resolutions that mention the minutes of 10 August 2023" in html


def test_confirm_with_a_resolution_not_offered_is_refused_and_keeps_the_note(staff_client, record):
    earlier = record.july_resolutions[1]

    response = staff_client.post(
        step_url(record.august_minutes, "confirm"),
        {"resolution": earlier.pk, "note": "Typed by the officer"},
    )

    assert response.status_code == 200
    assert "That is not a resolution of a later, held meeting of" in text_of(response)
    assert "Typed by the officer</textarea>" in response.content.decode()
    record.august_minutes.refresh_from_db()
    assert record.august_minutes.status == S.PUBLISHED
    assert len(history(record.august_minutes)) == 2


def test_confirm_refused_by_the_service_reports_why_and_keeps_what_was_typed(
    staff_client, record, confirming_august, staff_user
):
    page = staff_client.get(step_url(record.august_minutes, "confirm"))
    # Another officer withdraws the minutes while this one fills in the page.
    services.minutes_unpublish(minutes=record.august_minutes, user=staff_user, note="Typo")

    response = staff_client.post(
        step_url(record.august_minutes, "confirm"),
        {"resolution": confirming_august.pk, "note": "Typed by the officer"},
    )

    assert page.status_code == 200
    assert response.status_code == 200
    text = text_of(response)
    assert (
        "Confirm: refused, nothing was changed. The minutes of Police and Crime Panel, "
        "10 August 2023 have not been published" in text
    )
    assert "Typed by the officer</textarea>" in response.content.decode()
    record.august_minutes.refresh_from_db()
    assert record.august_minutes.status == S.DRAFT


# --- Record a correction ------------------------------------------------------------------


def test_correction_page_lists_the_record_as_editable_fields(staff_client, record):
    html = staff_client.get(step_url(record.july_minutes, "correct")).content.decode()

    s106 = record.july_items[2]
    updates = record.july_resolutions[2]
    assert f'name="item-{s106.pk}-title" value="S106 funding post review update"' in html
    assert f'name="item-{s106.pk}-minutes_text"' in html
    assert "The Panel received a report to provide an update" in html
    assert f'name="resolution-{updates.pk}-text"' in html
    assert "That regular updates on S106 funding be brought to the Panel.</textarea>" in html
    chair = Attendance.objects.get(meeting=record.july, is_chair=True)
    assert f'name="attendance-{chair.pk}-status"' in html


def test_a_correction_shows_on_the_public_history_with_the_earlier_text(staff_client, record):
    apologies = record.july_items[1]
    data = correction_form(staff_client, record.july_minutes)
    data[f"item-{apologies.pk}-minutes_text"] = "Apologies were received from Cllr Wyatt."
    data["note"] = "Minute 2 corrected, as agreed at minute 3 of 9 October 2023"

    response = staff_client.post(step_url(record.july_minutes, "correct"), data, follow=True)

    assert "Recorded a correction of the minutes of Police and Crime Panel, 26 July 2023" in (
        text_of(response)
    )
    apologies.refresh_from_db()
    assert apologies.minutes_text == "Apologies were received from Cllr Wyatt."
    public = text_of(Client().get(reverse("meetings:minutes_detail", args=[record.july.pk])))
    assert "Apologies were received from Cllr Wyatt." in public
    assert "Corrected. Minute 2 corrected, as agreed at minute 3 of 9 October 2023" in public
    assert "Item 2, earlier text Apologies were received from Councillor Blackshaw." in public


def test_a_correction_changes_only_what_was_edited(staff_client, record):
    data = correction_form(staff_client, record.july_minutes)
    resolution = record.july_resolutions[2]
    data[f"resolution-{resolution.pk}-text"] = "That quarterly updates be brought."
    data["note"] = "Resolution 3.2 corrected"
    # Browsers send the untouched texts back with CRLF line endings.
    for name, value in list(data.items()):
        data[name] = value.replace("\n", "\r\n")

    staff_client.post(step_url(record.july_minutes, "correct"), data)

    event = MinutesEvent.objects.filter(minutes=record.july_minutes).latest("pk")
    assert event.snapshot["items"] == []
    assert event.snapshot["attendances"] == []
    assert [row["id"] for row in event.snapshot["resolutions"]] == [resolution.pk]
    s106 = AgendaItem.objects.get(pk=record.july_items[2].pk)
    assert "\r" not in s106.minutes_text


def test_a_correction_of_attendance_keeps_the_earlier_status(staff_client, record):
    blackshaw = Attendance.objects.get(meeting=record.july, person=record.people.blackshaw)
    data = correction_form(staff_client, record.july_minutes)
    data[f"attendance-{blackshaw.pk}-status"] = "absent"
    data["note"] = "Councillor Blackshaw had not sent apologies"

    staff_client.post(step_url(record.july_minutes, "correct"), data)

    blackshaw.refresh_from_db()
    assert blackshaw.status == "absent"
    event = MinutesEvent.objects.filter(minutes=record.july_minutes).latest("pk")
    assert event.snapshot["attendances"] == [
        {
            "id": blackshaw.pk,
            "person": "Blackshaw",
            "confidentiality": "public",
            "earlier": {"status": "apologies"},
        }
    ]
    public = text_of(Client().get(reverse("meetings:minutes_detail", args=[record.july.pk])))
    assert "Attendance of Blackshaw, earlier status Apologies" in public
    assert "Absent without apologies" in public


def test_a_correction_that_changes_nothing_is_refused(staff_client, record):
    data = correction_form(staff_client, record.july_minutes)
    data["note"] = "Nothing really"

    response = staff_client.post(step_url(record.july_minutes, "correct"), data)

    assert response.status_code == 200
    assert "The correction changes nothing" in text_of(response)
    assert len(history(record.july_minutes)) == 3


def test_a_correction_without_a_note_keeps_the_typed_text(staff_client, record):
    apologies = record.july_items[1]
    data = correction_form(staff_client, record.july_minutes)
    data[f"item-{apologies.pk}-minutes_text"] = "Typed correction"

    response = staff_client.post(step_url(record.july_minutes, "correct"), data)

    assert response.status_code == 200
    assert "Say what was corrected and why" in text_of(response)
    assert "Typed correction</textarea>" in response.content.decode()
    apologies.refresh_from_db()
    assert apologies.minutes_text == "Apologies were received from Councillor Blackshaw."


def test_a_correction_giving_the_meeting_two_chairs_is_refused(staff_client, record):
    russell = Attendance.objects.get(meeting=record.july, person=record.people.russell)
    data = correction_form(staff_client, record.july_minutes)
    data[f"attendance-{russell.pk}-is_chair"] = "on"
    data["note"] = "Vice-Chair in the Chair"

    response = staff_client.post(step_url(record.july_minutes, "correct"), data)

    assert "A meeting has one chair." in text_of(response)
    russell.refresh_from_db()
    assert russell.is_chair is False
    assert len(history(record.july_minutes)) == 3


def correction_form(client, minutes):
    """What the correction page posts when nothing is edited: every field as shown."""
    html = client.get(step_url(minutes, "correct")).content.decode()
    data = {}
    for name, value in re.findall(r'<input type="text" name="([^"]+)" value="([^"]*)"', html):
        data[name] = unescape(value)
    for name, value in re.findall(r'<textarea name="([^"]+)"[^>]*>\n?(.*?)</textarea>', html, re.S):
        data[name] = unescape(value)
    for name, body in re.findall(r'<select name="([^"]+)"[^>]*>(.*?)</select>', html, re.S):
        data[name] = re.search(r'<option value="([^"]*)" selected>', body).group(1)
    for name in re.findall(r'<input type="checkbox" name="([^"]+)"[^>]*checked>', html):
        data[name] = "on"
    return data


# --- Withdraw ------------------------------------------------------------------------------


def test_withdrawing_asks_for_the_reason(staff_client, record):
    response = staff_client.post(step_url(record.august_minutes, "unpublish"), {"note": " "})

    assert "Say why the minutes are withdrawn: the reason is kept in their history." in text_of(
        response
    )
    record.august_minutes.refresh_from_db()
    assert record.august_minutes.status == S.PUBLISHED


def test_withdrawing_makes_the_minutes_a_draft_again(staff_client, record):
    response = staff_client.post(
        step_url(record.august_minutes, "unpublish"),
        {"note": "Published before the Chair saw them"},
        follow=True,
    )

    assert "Withdrew the minutes of Police and Crime Panel, 10 August 2023 from publication" in (
        text_of(response)
    )
    assert history(record.august_minutes)[-1] == (
        "published",
        "draft",
        "Published before the Chair saw them",
    )
    assert (
        Client().get(reverse("meetings:minutes_detail", args=[record.august.pk])).status_code == 404
    )
