"""The record's admin: a meeting's page refuses impossible records and saves nothing of them."""

import datetime
import json
from html import unescape
from html.parser import HTMLParser

import pytest
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.datastructures import MultiValueDict

from meetings.models import (
    AgendaItem,
    Attendance,
    Declaration,
    Meeting,
    Minutes,
    MinutesEvent,
    Resolution,
)
from tests.factories import (
    AgendaItemFactory,
    AttendanceFactory,
    BodyFactory,
    MeetingFactory,
    MinutesFactory,
    PersonAliasFactory,
    PersonFactory,
    ResolutionFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting(panel):
    return MeetingFactory(
        body=panel,
        date=datetime.date(2023, 7, 26),
        start_time=datetime.time(13),
        end_time=datetime.time(15),
        venue="City Hall",
        status="held",
    )


@pytest.fixture
def taylor():
    return PersonFactory(honorific="Councillor", given_name="Deborah", family_name="Taylor")


@pytest.fixture
def allnatt():
    person = PersonFactory(honorific="Councillor", family_name="Allnatt", slug="allnatt")
    PersonAliasFactory(person=person, name="Councillor Alnatt")
    return person


def change_url(obj):
    return reverse(f"admin:meetings_{obj._meta.model_name}_change", args=[obj.pk])


def rows(prefix, forms, initial=0):
    """Management form and fields of one inline formset; existing rows come first."""
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(forms)),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for index, form in enumerate(forms):
        for field, value in form.items():
            if value is True:
                value = "on"
            if value is not False and value is not None:
                data[f"{prefix}-{index}-{field}"] = str(value)
    return data


def meeting_form(meeting, *, items=(), attendances=(), declarations=(), initial=None, **changes):
    """What the meeting's change page posts, with the given inline rows."""
    initial = initial or {}
    data = {
        "body": meeting.body_id,
        "kind": meeting.kind,
        "title": meeting.title,
        "status": meeting.status,
        "date": meeting.date.isoformat(),
        "start_time": meeting.start_time.strftime("%H:%M") if meeting.start_time else "",
        "end_time": meeting.end_time.strftime("%H:%M") if meeting.end_time else "",
        "venue": meeting.venue,
        "webcast_url": meeting.webcast_url,
        "quorate": "unknown",
        "_save": "Save",
    }
    data.update(changes)
    data = {key: value for key, value in data.items() if value is not False}
    data.update(rows("items", items, initial.get("items", 0)))
    attendances = [{"order": 0, **row} for row in attendances]
    data.update(rows("attendances", attendances, initial.get("attendances", 0)))
    data.update(rows("declarations", declarations, initial.get("declarations", 0)))
    return data


def page_text(response):
    return response.content.decode()


# Attendance


def test_present_and_apologies_for_one_person_is_refused_and_nothing_saved(
    admin_client, meeting, allnatt
):
    data = meeting_form(
        meeting,
        venue="County Hall",
        attendances=[
            {"person": allnatt.pk, "status": "present"},
            {"person": allnatt.pk, "status": "apologies"},
        ],
    )

    response = admin_client.post(change_url(meeting), data)

    assert response.status_code == 200
    assert (
        "This person is already recorded at this meeting: a person cannot be both present "
        "and send apologies." in page_text(response)
    )
    assert "This row repeats another: correct or remove one of them." in page_text(response)
    assert not Attendance.objects.exists()
    meeting.refresh_from_db()
    assert meeting.venue == "City Hall"


def test_apologies_against_attendance_already_recorded_are_refused(admin_client, meeting, allnatt):
    present = AttendanceFactory(meeting=meeting, person=allnatt, status="present")
    data = meeting_form(
        meeting,
        attendances=[
            {"id": present.pk, "meeting": meeting.pk, "person": allnatt.pk, "status": "present"},
            {"person": allnatt.pk, "status": "apologies"},
        ],
        initial={"attendances": 1},
    )

    response = admin_client.post(change_url(meeting), data)

    assert "a person cannot be both present and send apologies" in page_text(response)
    assert list(Attendance.objects.values_list("status", flat=True)) == ["present"]


def test_two_chairs_are_refused(admin_client, meeting, allnatt, taylor):
    data = meeting_form(
        meeting,
        attendances=[
            {"person": taylor.pk, "status": "present", "is_chair": True},
            {"person": allnatt.pk, "status": "present", "is_chair": True},
        ],
    )

    response = admin_client.post(change_url(meeting), data)

    assert (
        "A meeting has one chair. Deborah Taylor and Allnatt are both marked "
        "\u201cin the Chair\u201d: untick all but one." in page_text(response)
    )
    assert not Attendance.objects.exists()


# Declarations


def test_declaration_by_someone_not_present_is_refused(admin_client, meeting, allnatt, taylor):
    data = meeting_form(
        meeting,
        attendances=[{"person": taylor.pk, "status": "present"}],
        declarations=[
            {"person": allnatt.pk, "interest_type": "personal", "reason": "a relative"},
        ],
    )

    response = admin_client.post(change_url(meeting), data)

    assert (
        "Allnatt is not recorded as present at this meeting: record their attendance before "
        "their declaration." in page_text(response)
    )
    assert not Attendance.objects.exists()
    assert not Declaration.objects.exists()


def test_declaration_by_someone_sending_apologies_in_the_same_form_is_refused(
    admin_client, meeting, allnatt
):
    data = meeting_form(
        meeting,
        attendances=[{"person": allnatt.pk, "status": "apologies"}],
        declarations=[
            {"person": allnatt.pk, "interest_type": "personal", "reason": "a relative"},
        ],
    )

    response = admin_client.post(change_url(meeting), data)

    assert "Allnatt is not recorded as present at this meeting" in page_text(response)
    assert not Declaration.objects.exists()


def test_declaration_is_accepted_with_the_attendance_in_the_same_form(
    admin_client, meeting, allnatt
):
    data = meeting_form(
        meeting,
        attendances=[{"person": allnatt.pk, "status": "present"}],
        declarations=[
            {
                "person": allnatt.pk,
                "interest_type": "personal",
                "all_items": True,
                "reason": "as he had two close relatives that worked for Leicestershire Police",
            },
        ],
    )

    response = admin_client.post(change_url(meeting), data)

    assert response.status_code == 302
    assert list(meeting.attendances.values_list("person", "status")) == [(allnatt.pk, "present")]
    assert list(meeting.declarations.values_list("person", "all_items")) == [(allnatt.pk, True)]


def test_declaration_is_refused_when_its_attendance_row_is_deleted_in_the_same_form(
    admin_client, meeting, allnatt
):
    present = AttendanceFactory(meeting=meeting, person=allnatt, status="present")
    data = meeting_form(
        meeting,
        attendances=[
            {
                "id": present.pk,
                "meeting": meeting.pk,
                "person": allnatt.pk,
                "status": "present",
                "DELETE": True,
            },
        ],
        declarations=[{"person": allnatt.pk, "interest_type": "personal", "reason": "a relative"}],
        initial={"attendances": 1},
    )

    response = admin_client.post(change_url(meeting), data)

    assert "Allnatt is not recorded as present at this meeting" in page_text(response)
    assert Attendance.objects.filter(pk=present.pk).exists()
    assert not Declaration.objects.exists()


def test_a_new_meeting_is_saved_with_attendance_and_declarations_together(
    admin_client, panel, allnatt
):
    unsaved = Meeting(body=panel, date=datetime.date(2023, 10, 9), status="held")
    data = meeting_form(
        unsaved,
        attendances=[{"person": allnatt.pk, "status": "present"}],
        declarations=[{"person": allnatt.pk, "interest_type": "personal", "reason": "a relative"}],
    )

    response = admin_client.post(reverse("admin:meetings_meeting_add"), data)

    assert response.status_code == 302
    meeting = Meeting.objects.get()
    assert list(meeting.declarations.values_list("person", flat=True)) == [allnatt.pk]


def test_a_new_meeting_refuses_a_declaration_by_someone_not_present(admin_client, panel, allnatt):
    unsaved = Meeting(body=panel, date=datetime.date(2023, 10, 9), status="held")
    data = meeting_form(
        unsaved,
        declarations=[{"person": allnatt.pk, "interest_type": "personal", "reason": "a relative"}],
    )

    response = admin_client.post(reverse("admin:meetings_meeting_add"), data)

    assert "Allnatt is not recorded as present at this meeting" in page_text(response)
    assert not Meeting.objects.exists()


def test_declarations_cannot_be_added_when_the_meeting_records_none(admin_client, meeting, allnatt):
    data = meeting_form(
        meeting,
        no_declarations=True,
        attendances=[{"person": allnatt.pk, "status": "present"}],
        declarations=[{"person": allnatt.pk, "interest_type": "personal", "reason": "a relative"}],
    )

    response = admin_client.post(change_url(meeting), data)

    assert (
        "The meeting is marked \u201cThere were no declarations\u201d: untick that box, or "
        "remove these declarations." in page_text(response)
    )
    assert not Declaration.objects.exists()


# Agenda items and times


def test_two_items_with_the_same_printed_number_are_refused(admin_client, meeting):
    data = meeting_form(
        meeting,
        items=[
            {
                "order": 1,
                "number": "5",
                "title": "Minutes of the previous meeting",
                "confidentiality": "public",
            },
            {"order": 2, "number": "5", "title": "Work programme", "confidentiality": "public"},
        ],
    )

    response = admin_client.post(change_url(meeting), data)

    assert (
        "Two items of this meeting have the same printed number: each number may appear once."
        in page_text(response)
    )
    assert "Number 5 is also given to \u201cMinutes of the previous meeting\u201d." in page_text(
        response
    )
    assert not AgendaItem.objects.exists()


def test_an_item_numbered_like_a_saved_item_is_refused(admin_client, meeting):
    saved = AgendaItemFactory(meeting=meeting, order=1, number="5", title="Minutes")
    data = meeting_form(
        meeting,
        items=[
            {
                "id": saved.pk,
                "meeting": meeting.pk,
                "order": 1,
                "number": "5",
                "title": "Minutes",
                "confidentiality": "public",
            },
            {"order": 2, "number": "5", "title": "Work programme", "confidentiality": "public"},
        ],
        initial={"items": 1},
    )

    response = admin_client.post(change_url(meeting), data)

    assert "each number may appear once" in page_text(response)
    assert list(AgendaItem.objects.values_list("title", flat=True)) == ["Minutes"]


def test_an_item_with_resolutions_is_not_deleted_from_the_meeting(admin_client, meeting):
    item = AgendaItemFactory(meeting=meeting, order=1, number="6", title="Membership")
    ResolutionFactory(item=item, text="That the contents of the report be noted.")
    data = meeting_form(
        meeting,
        items=[
            {
                "id": item.pk,
                "meeting": meeting.pk,
                "order": 1,
                "number": "6",
                "title": "Membership",
                "confidentiality": "public",
                "DELETE": True,
            },
        ],
        initial={"items": 1},
    )

    response = admin_client.post(change_url(meeting), data)

    assert "Not deleted: 6. Membership." in page_text(response)
    assert AgendaItem.objects.filter(pk=item.pk).exists()


def test_a_meeting_that_ends_before_it_starts_is_refused(admin_client, meeting):
    data = meeting_form(meeting, start_time="13:00", end_time="12:00")

    response = admin_client.post(change_url(meeting), data)

    assert "The meeting cannot close before it opens: check the start and end times." in (
        page_text(response)
    )
    meeting.refresh_from_db()
    assert meeting.end_time == datetime.time(15)


# Resolutions on the item's page


def test_a_motion_moved_by_someone_not_present_is_refused(admin_client, meeting, allnatt):
    item = AgendaItemFactory(meeting=meeting, order=1, number="9", title="Precept")
    data = {
        "meeting": meeting.pk,
        "order": 1,
        "number": "9",
        "title": "Precept",
        "confidentiality": "public",
        "_save": "Save",
        **rows("papers", []),
        **rows(
            "resolutions",
            [
                {
                    "text": "That the precept be vetoed.",
                    "kind": "other",
                    "is_motion": True,
                    "mover": allnatt.pk,
                }
            ],
        ),
    }

    response = admin_client.post(change_url(item), data)

    assert (
        "Allnatt is not recorded as a member present at this meeting, so cannot be the mover. "
        "Record their attendance first." in page_text(response)
    )
    assert not Resolution.objects.exists()


# People


def test_person_autocomplete_finds_a_person_by_another_spelling(staff_client, allnatt, taylor):
    response = staff_client.get(
        "/admin/autocomplete/",
        {
            "app_label": "meetings",
            "model_name": "attendance",
            "field_name": "person",
            "term": "Alnatt",
        },
    )

    assert response.status_code == 200
    assert json.loads(response.content)["results"] == [{"id": str(allnatt.pk), "text": "Allnatt"}]


def test_people_list_finds_a_spelling_with_dots_and_capitals(admin_client, taylor):
    PersonAliasFactory(person=taylor, name="Cllr. D. Taylor")

    response = admin_client.get(reverse("admin:meetings_person_changelist"), {"q": "CLLR. D."})

    assert list(response.context["cl"].result_list) == [taylor]


def test_the_same_spelling_twice_is_refused(admin_client, allnatt):
    alias = allnatt.aliases.get()
    data = {
        "honorific": "Councillor",
        "family_name": "Allnatt",
        "slug": "allnatt",
        "_save": "Save",
        **rows(
            "aliases",
            [
                {"id": alias.pk, "person": allnatt.pk, "name": "Councillor Alnatt"},
                {"name": "councillor alnatt."},
            ],
            initial=1,
        ),
    }

    response = admin_client.post(change_url(allnatt), data)

    assert "This person already has that spelling." in page_text(response)
    assert allnatt.aliases.count() == 1


# Meetings list


def test_meetings_list_filters_by_year(admin_client, meeting, panel):
    MeetingFactory(body=panel, date=datetime.date(2019, 2, 3))

    response = admin_client.get(reverse("admin:meetings_meeting_changelist"), {"year": "2023"})

    assert list(response.context["cl"].result_list) == [meeting]


def test_meetings_are_found_by_the_text_of_their_resolutions(admin_client, meeting, panel):
    MeetingFactory(body=panel, date=datetime.date(2019, 2, 3))
    item = AgendaItemFactory(meeting=meeting, order=1, title="Precept")
    ResolutionFactory(item=item, text="That regular updates on S106 funding be brought.")

    response = admin_client.get(reverse("admin:meetings_meeting_changelist"), {"q": "S106"})

    assert list(response.context["cl"].result_list) == [meeting]


def test_meeting_search_takes_a_year_as_a_date(admin_client, meeting, panel):
    board = BodyFactory(name="Corporate Governance Board", short_name="CGB", slug="cgb")
    board_2023 = MeetingFactory(body=board, date=datetime.date(2023, 6, 21))
    MeetingFactory(body=board, date=datetime.date(2022, 6, 22))

    response = admin_client.get(reverse("admin:meetings_meeting_changelist"), {"q": "CGB 2023"})

    assert list(response.context["cl"].result_list) == [board_2023]


# Minutes and their history


def test_start_draft_minutes_action_records_the_first_history_row(admin_client, meeting):
    response = admin_client.post(
        reverse("admin:meetings_meeting_changelist"),
        {"action": "start_minutes", "_selected_action": [meeting.pk]},
        follow=True,
    )

    assert "Started draft minutes for 1 meeting: PCP, 26 July 2023." in page_text(response)
    assert [(e.from_status, e.to_status) for e in MinutesEvent.objects.all()] == [("", "draft")]


def test_start_draft_minutes_action_reports_a_refusal(admin_client, panel):
    cancelled = MeetingFactory(body=panel, date=datetime.date(2023, 3, 6), status="cancelled")

    response = admin_client.post(
        reverse("admin:meetings_meeting_changelist"),
        {"action": "start_minutes", "_selected_action": [cancelled.pk]},
        follow=True,
    )

    assert (
        "No minutes started for PCP, 6 March 2023: The meeting of PCP, 6 March 2023 was "
        "cancelled: a cancelled meeting has no minutes." in page_text(response)
    )
    assert not Minutes.objects.exists()


def test_publish_action_moves_minutes_on_through_the_service(staff_client, meeting):
    minutes = MinutesFactory(meeting=meeting)

    staff_client.post(
        reverse("admin:meetings_minutes_changelist"),
        {"action": "publish", "_selected_action": [minutes.pk]},
    )

    minutes.refresh_from_db()
    assert minutes.status == "published"
    assert [(e.from_status, e.to_status) for e in minutes.history.all()] == [("draft", "published")]


@pytest.fixture
def history_row(meeting):
    minutes = MinutesFactory(meeting=meeting)
    return MinutesEvent.objects.create(minutes=minutes, to_status="draft", note="Drafted by JM")


def test_minutes_page_shows_the_history_read_only(admin_client, history_row):
    response = admin_client.get(change_url(history_row.minutes))

    assert "Drafted by JM" in page_text(response)
    assert 'name="history-0-note"' not in page_text(response)


@pytest.mark.parametrize("page", ["add", "change", "delete"])
def test_minutes_history_cannot_be_written_in_the_admin(admin_client, history_row, page):
    args = [] if page == "add" else [history_row.pk]
    url = reverse(f"admin:meetings_minutesevent_{page}", args=args)

    response = admin_client.post(url, {"note": "rewritten", "post": "yes"})

    assert response.status_code == 403
    history_row.refresh_from_db()
    assert history_row.note == "Drafted by JM"
    assert MinutesEvent.objects.count() == 1


# Who may do what


def test_staff_cannot_delete_a_meeting_even_holding_the_permission(
    client, django_user_model, meeting
):
    user = django_user_model.objects.create_user("clerk", is_staff=True)
    user.user_permissions.add(
        *Permission.objects.filter(codename__in=["view_meeting", "delete_meeting"])
    )
    client.force_login(user)

    response = client.post(
        reverse("admin:meetings_meeting_delete", args=[meeting.pk]), {"post": "yes"}
    )

    assert response.status_code == 403
    assert Meeting.objects.filter(pk=meeting.pk).exists()


def test_a_superuser_can_delete_a_meeting(admin_client, meeting):
    response = admin_client.post(
        reverse("admin:meetings_meeting_delete", args=[meeting.pk]), {"post": "yes"}
    )

    assert response.status_code == 302
    assert not Meeting.objects.exists()


def test_staff_cannot_delete_a_resolution_even_holding_the_permission(
    client, django_user_model, meeting
):
    user = django_user_model.objects.create_user("clerk", is_staff=True)
    user.user_permissions.add(
        *Permission.objects.filter(
            codename__in=["view_agendaitem", "change_agendaitem", "delete_resolution"]
        )
    )
    client.force_login(user)
    item = AgendaItemFactory(meeting=meeting, order=1, number="6", title="Membership")
    resolution = ResolutionFactory(item=item, text="That the report be noted.")
    data = {
        "meeting": meeting.pk,
        "order": 1,
        "number": "6",
        "title": "Membership",
        "confidentiality": "public",
        "_save": "Save",
        **rows("papers", []),
        **rows(
            "resolutions",
            [
                {
                    "id": resolution.pk,
                    "item": item.pk,
                    "text": resolution.text,
                    "kind": "noted",
                    "DELETE": True,
                }
            ],
            initial=1,
        ),
    }

    response = client.post(change_url(item), data)

    assert response.status_code == 302
    assert Resolution.objects.filter(pk=resolution.pk).exists()


def test_panel_members_may_look_but_not_change(client, django_user_model, meeting):
    user = django_user_model.objects.create_user("member", is_staff=True)
    user.groups.add(Group.objects.get(name="Panel members"))
    client.force_login(user)

    looked = client.get(change_url(meeting))
    changed = client.post(change_url(meeting), meeting_form(meeting, venue="County Hall"))

    assert looked.status_code == 200
    assert changed.status_code == 403
    meeting.refresh_from_db()
    assert meeting.venue == "City Hall"


def test_resolution_page_links_to_recording_an_action(admin_client, meeting):
    item = AgendaItemFactory(meeting=meeting, order=1, number="7", title="S106 funding")
    resolution = ResolutionFactory(
        item=item, kind="request", text="That regular updates be brought to the Panel."
    )

    response = admin_client.get(change_url(resolution))

    url = reverse("admin:actions_action_from_resolution", args=[resolution.pk])
    assert f'<a href="{url}">Record an action arising from this resolution</a>' in page_text(
        response
    )


# Lists load in a fixed number of queries, however many rows they show


def add_meeting_with_record(panel, day, person):
    meeting = MeetingFactory(body=panel, date=datetime.date(2023, 1, day), status="held")
    MinutesFactory(meeting=meeting)
    AttendanceFactory(meeting=meeting, person=person, status="present")
    item = AgendaItemFactory(meeting=meeting, order=1, number="1", title="Report")
    ResolutionFactory(item=item, number=1, text="That the report be noted.")


@pytest.mark.parametrize(
    "model_name", ["meeting", "agendaitem", "attendance", "resolution", "minutes", "person"]
)
def test_list_queries_do_not_grow_with_rows(
    admin_client, django_assert_num_queries, panel, allnatt, model_name
):
    url = reverse(f"admin:meetings_{model_name}_changelist")
    add_meeting_with_record(panel, 1, allnatt)
    with CaptureQueriesContext(connection) as one_row:
        admin_client.get(url)
    for day in range(2, 6):
        other = PersonFactory(family_name=f"Member {day}", slug=f"member-{day}")
        PersonAliasFactory(person=other, name=f"Cllr. Member {day}")
        add_meeting_with_record(panel, day, other)

    with django_assert_num_queries(len(one_row)):
        response = admin_client.get(url)

    assert len(response.context["cl"].result_list) >= 5


# Once minutes are published, their record changes only through a correction


class FormReader(HTMLParser):
    """What a browser posts from a page's change form, when nothing is edited."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.data = MultiValueDict()
        self.select = self.textarea = None
        self.text = ""

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "input" and name and attrs.get("type") not in ("submit", "button", "file"):
            if attrs.get("type") in ("checkbox", "radio"):
                if "checked" in attrs:
                    self.data.appendlist(name, attrs.get("value", "on"))
            else:
                self.data.appendlist(name, attrs.get("value") or "")
        elif tag == "select" and name:
            self.select = name
        elif tag == "option" and self.select and "selected" in attrs:
            self.data.appendlist(self.select, attrs.get("value", ""))
        elif tag == "textarea" and name:
            self.textarea, self.text = name, ""

    def handle_data(self, data):
        if self.textarea:
            self.text += data

    def handle_endtag(self, tag):
        if tag == "select":
            self.select = None
        elif tag == "textarea" and self.textarea:
            # Browsers drop the newline that follows <textarea> and send CRLF line breaks.
            text = self.text[1:] if self.text.startswith("\n") else self.text
            self.data.appendlist(self.textarea, text.replace("\n", "\r\n"))
            self.textarea = None


def change_form(client, obj, **changes):
    """The change page's form as the browser would post it, with ``changes`` typed in."""
    reader = FormReader()
    reader.feed(client.get(change_url(obj)).content.decode())
    data = reader.data
    data.pop("csrfmiddlewaretoken", None)
    for name, value in changes.items():
        data.setlist(name, value if isinstance(value, list) else [value])
    data["_save"] = "Save"
    return data


def inline_index(data, prefix, pk):
    """The index of the row of inline ``prefix`` that holds the row ``pk``."""
    return next(
        index
        for index in range(int(data[f"{prefix}-TOTAL_FORMS"]))
        if data.get(f"{prefix}-{index}-id") == str(pk)
    )


def correction_url(minutes):
    return reverse("admin:meetings_minutes_step", args=[minutes.pk, "correct"])


def test_a_published_items_minute_text_is_not_changed_in_the_admin(client, record, staff_user):
    client.force_login(staff_user)
    s106 = record.july_items[2]
    data = change_form(client, s106, minutes_text="Rewritten quietly.", page_range="12-14")

    response = client.post(change_url(s106), data)

    assert response.status_code == 200
    assert (
        "Not saved: the minutes of Police and Crime Panel, 26 July 2023 are confirmed as a "
        "correct record, so items' titles and minute text change only through "
        "\u201cRecord a correction\u201d on the minutes"
    ) in unescape(page_text(response))
    assert f'<a href="{correction_url(record.july_minutes)}">' in page_text(response)
    assert 'value="12-14"' in page_text(response)
    s106.refresh_from_db()
    assert s106.minutes_text.startswith("The Panel received a report")
    assert s106.page_range == ""
    assert MinutesEvent.objects.filter(minutes=record.july_minutes).count() == 3


def test_a_published_items_page_range_stays_editable(client, record, staff_user):
    client.force_login(staff_user)
    s106 = record.july_items[2]
    text = s106.minutes_text
    data = change_form(client, s106, page_range="12-14")

    response = client.post(change_url(s106), data)

    assert response.status_code == 302
    s106.refresh_from_db()
    assert s106.page_range == "12-14"
    assert s106.minutes_text == text  # line endings included


def test_a_draft_items_minute_text_is_edited_in_the_admin(client, record, staff_user):
    client.force_login(staff_user)
    report = record.october.items.get(number="4")
    data = change_form(client, report, minutes_text="The Panel received the report.")

    response = client.post(change_url(report), data)

    assert response.status_code == 302
    report.refresh_from_db()
    assert report.minutes_text == "The Panel received the report."


def test_a_published_resolution_is_not_changed_on_its_items_page(client, record, staff_user):
    client.force_login(staff_user)
    s106 = record.july_items[2]
    updates = record.july_resolutions[2]
    data = change_form(client, s106)
    index = inline_index(data, "resolutions", updates.pk)
    data[f"resolutions-{index}-text"] = "That no updates be brought."

    response = client.post(change_url(s106), data)

    assert response.status_code == 200
    assert "so resolutions change only through" in unescape(page_text(response))
    updates.refresh_from_db()
    assert updates.text == "That regular updates on S106 funding be brought to the Panel."


def test_a_resolution_is_not_added_to_published_minutes(client, record, staff_user):
    client.force_login(staff_user)
    s106 = record.july_items[2]
    data = change_form(client, s106)
    index = int(data["resolutions-TOTAL_FORMS"])
    data["resolutions-TOTAL_FORMS"] = str(index + 1)
    data[f"resolutions-{index}-text"] = "That a third thing be done."
    data[f"resolutions-{index}-kind"] = "noted"
    data[f"resolutions-{index}-number"] = "3"

    response = client.post(change_url(s106), data)

    assert response.status_code == 200
    assert "a resolution cannot be added once they are published" in unescape(page_text(response))
    assert s106.resolutions.count() == 2


def test_a_published_resolution_is_not_changed_on_its_own_page(client, record, staff_user):
    client.force_login(staff_user)
    noted = record.july_resolutions[1]
    data = change_form(client, noted, text="That the report be rejected.")

    response = client.post(change_url(noted), data)

    assert response.status_code == 200
    assert "so resolutions change only through" in unescape(page_text(response))
    noted.refresh_from_db()
    assert noted.text == "That the contents of the report be noted."


def test_published_attendance_is_not_changed_on_the_meetings_page(client, record, staff_user):
    client.force_login(staff_user)
    blackshaw = Attendance.objects.get(meeting=record.august, person=record.people.blackshaw)
    data = change_form(client, record.august)
    data[f"attendances-{inline_index(data, 'attendances', blackshaw.pk)}-status"] = "present"

    response = client.post(change_url(record.august), data)

    assert response.status_code == 200
    assert (
        "Not saved: the minutes of Police and Crime Panel, 10 August 2023 are published as "
        "draft, subject to confirmation, so attendance rows change only through"
    ) in unescape(page_text(response))
    blackshaw.refresh_from_db()
    assert blackshaw.status == "apologies"


def test_published_attendance_is_not_changed_on_its_own_page(client, record, staff_user):
    client.force_login(staff_user)
    blackshaw = Attendance.objects.get(meeting=record.august, person=record.people.blackshaw)
    data = change_form(client, blackshaw, status="present")

    response = client.post(change_url(blackshaw), data)

    assert response.status_code == 200
    assert "so attendance rows change only through" in unescape(page_text(response))
    blackshaw.refresh_from_db()
    assert blackshaw.status == "apologies"


def test_attendance_is_not_added_to_or_removed_from_published_minutes(client, record, staff_user):
    client.force_login(staff_user)
    phillimore = Attendance.objects.get(meeting=record.august, person=record.people.phillimore)
    data = change_form(client, record.august)
    data[f"attendances-{inline_index(data, 'attendances', phillimore.pk)}-DELETE"] = "on"

    response = client.post(change_url(record.august), data)

    assert response.status_code == 200
    text = unescape(page_text(response))
    assert "an attendance row cannot be removed once they are published." in text
    assert "Use \u201cWithdraw from publication\u201d on the minutes first" in text
    assert Attendance.objects.filter(pk=phillimore.pk).exists()


def test_published_declarations_are_not_changed(client, record, staff_user):
    client.force_login(staff_user)
    declaration = Declaration.objects.get(meeting=record.august)
    data = change_form(client, declaration, reason="as a relative works for the OPCC")

    response = client.post(change_url(declaration), data)

    assert response.status_code == 200
    assert "so declarations of interest change only through" in unescape(page_text(response))
    declaration.refresh_from_db()
    assert declaration.reason.startswith("as he had two close relatives")


def test_published_declarations_are_not_changed_on_the_meetings_page(client, record, staff_user):
    client.force_login(staff_user)
    declaration = Declaration.objects.get(meeting=record.august)
    data = change_form(client, record.august)
    data["declarations-0-reason"] = "as a relative works for the OPCC"

    response = client.post(change_url(record.august), data)

    assert response.status_code == 200
    declaration.refresh_from_db()
    assert declaration.reason.startswith("as he had two close relatives")


def test_a_published_meetings_own_details_stay_editable(client, record, staff_user):
    client.force_login(staff_user)
    data = change_form(client, record.august, venue="County Hall, Glenfield")

    response = client.post(change_url(record.august), data)

    assert response.status_code == 302
    record.august.refresh_from_db()
    assert record.august.venue == "County Hall, Glenfield"


def test_bulk_delete_of_published_attendance_is_refused(client, record, staff_user):
    staff_user.user_permissions.add(Permission.objects.get(codename="delete_attendance"))
    client.force_login(staff_user)
    row = Attendance.objects.get(meeting=record.august, person=record.people.phillimore)

    response = client.post(
        reverse("admin:meetings_attendance_changelist"),
        {"action": "delete_selected", "_selected_action": [row.pk], "post": "yes"},
        follow=True,
    )

    assert (
        "its attendance cannot be deleted once they are published. Use \u201cWithdraw from "
        "publication\u201d on the minutes first"
    ) in unescape(page_text(response))
    assert "Nothing was deleted." in page_text(response)
    assert Attendance.objects.filter(pk=row.pk).exists()


def test_published_attendance_has_no_delete_button(client, record, staff_user):
    client.force_login(staff_user)
    row = Attendance.objects.get(meeting=record.august, person=record.people.phillimore)

    page = client.get(change_url(row))
    response = client.post(
        reverse("admin:meetings_attendance_delete", args=[row.pk]), {"post": "yes"}
    )

    assert reverse("admin:meetings_attendance_delete", args=[row.pk]) not in page_text(page)
    assert response.status_code == 403
    assert Attendance.objects.filter(pk=row.pk).exists()


def test_a_meeting_page_says_how_its_published_record_changes(client, record, staff_user):
    client.force_login(staff_user)

    text = page_text(client.get(change_url(record.august)))

    assert f'<a href="{correction_url(record.august_minutes)}">' in text
    assert "change only through a correction, which keeps the earlier text." in text
