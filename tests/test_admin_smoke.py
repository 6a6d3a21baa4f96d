"""Every admin page loads: each registered model's list, add page and change page.

The models come from the admin registry, so a model any app registers is covered without
editing this file; its change page needs one row, which the ``rows`` fixture makes.
"""

import datetime

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin
from django.contrib.auth.models import Group
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_tasks_db.models import DBTaskResult
from knox.models import AuthToken

from actions import services as action_services
from actions.progress import ProgressUpdate
from meetings import services as minutes_services
from meetings.models import Meeting
from tests.factories import (
    AgendaItemFactory,
    AttendanceFactory,
    BodyFactory,
    DeclarationFactory,
    MeetingFactory,
    MembershipFactory,
    OwnerFactory,
    PaperFactory,
    PersonAliasFactory,
    PersonFactory,
    ReminderFactory,
    ResolutionFactory,
    WorkProgrammeEntryFactory,
)

# Says nothing about the database: runs once, in the PostgreSQL half of `make test`.
pytestmark = pytest.mark.sweeping

REGISTERED = sorted(admin.site._registry, key=lambda model: model._meta.label)


def admin_url(model, page, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{page}", args=args)


def make_rows(user, n=0):
    """A little of everything: one row at least of each registered model.

    ``n`` varies names, slugs and dates so that the rows can be made again beside the first.
    """
    panel = BodyFactory(name=f"Police and Crime Panel {n}", short_name=f"PCP{n}", slug=f"pcp-{n}")
    chair = PersonFactory(
        honorific="Councillor", given_name="Deborah", family_name=f"Taylor {n}", slug=f"taylor-{n}"
    )
    PersonAliasFactory(person=chair, name=f"Cllr. D. Taylor {n}")
    member = PersonFactory(
        honorific="Councillor", given_name="Joe", family_name=f"Allnatt {n}", slug=f"allnatt-{n}"
    )
    MembershipFactory(person=chair, body=panel, role="chair", start_date=datetime.date(2023, 5, 18))
    meeting = MeetingFactory(
        body=panel,
        date=datetime.date(2023, 10, 9) + datetime.timedelta(days=n),
        start_time=datetime.time(13),
        end_time=datetime.time(15, 30),
        status="held",
    )
    item = AgendaItemFactory(
        meeting=meeting, order=1, number="24", title="Corporate Governance Board report"
    )
    PaperFactory(item=item, title="Report of the Police and Crime Commissioner")
    AttendanceFactory(meeting=meeting, person=chair, is_chair=True)
    AttendanceFactory(meeting=meeting, person=member)
    DeclarationFactory(meeting=meeting, person=member, interest_type="personal", all_items=True)
    resolution = ResolutionFactory(item=item, mover=chair, seconder=member)
    WorkProgrammeEntryFactory(body=panel, meeting=meeting, title="Precept proposal")
    minutes_services.minutes_create(meeting=meeting, user=user)

    owner = OwnerFactory(name=f"OPCC {n}")
    action = action_services.action_create(
        meeting=meeting, text="Produce a public facing summary", reference="8a"
    )
    action_services.action_start(action=action, user=user, note="Started")
    ReminderFactory(action=action, owner=owner, sent_on=datetime.date(2023, 10, 2))
    ProgressUpdate.objects.create(action=action, author=user, text="Summary drafted")
    DBTaskResult.objects.create(
        args_kwargs={"args": [], "kwargs": {}},
        task_path="actions.tasks.send_action_reminders",
        backend_name="default",
        run_after=timezone.now(),
    )
    AuthToken.objects.create(user=user)
    Group.objects.create(name=f"Scrutiny task group {n}").user_set.add(user)
    TOTPDevice.objects.create(user=user, name="phone")
    visit = {"user_agent": "pytest", "ip_address": "127.0.0.1", "username": user.username}
    visit |= {"http_accept": "text/html", "path_info": "/admin/login/"}
    AccessAttempt.objects.create(**visit, get_data="", post_data="", failures_since_start=1)
    AccessLog.objects.create(**visit)
    AccessFailureLog.objects.create(**visit)
    return resolution


@pytest.fixture(autouse=True)
def database_task_queue(settings):
    """Production's task queue, so the queued tasks' admin shows its rows as it would there."""
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}
    }


@pytest.fixture
def rows(admin_user):
    return make_rows(admin_user)


@pytest.mark.django_db
@pytest.mark.parametrize("page", ["changelist", "add", "change"])
@pytest.mark.parametrize("model", REGISTERED, ids=lambda model: model._meta.label)
def test_admin_page_loads(admin_client, admin_user, rows, model, page):
    model_admin = admin.site._registry[model]
    request = RequestFactory().get("/admin/")
    request.user = admin_user
    if page in ("changelist", "add"):
        url = admin_url(model, page)
    else:
        obj = model_admin.get_queryset(request).first()
        assert obj is not None, (
            f"The smoke data has no {model._meta.label}: add a row to the rows fixture so its "
            "change page is loaded."
        )
        url = admin_url(model, page, obj.pk)

    response = admin_client.get(url)

    # A model the admin shows read-only (history, logs) refuses its add page.
    expected = 403 if page == "add" and not model_admin.has_add_permission(request) else 200
    assert response.status_code == expected


@pytest.fixture
def officer(django_user_model):
    user = django_user_model.objects.create_user("officer", is_staff=True)
    user.groups.add(Group.objects.get(name="Democratic services"))
    return user


RECORD_ADMINS = [model for model in REGISTERED if model._meta.app_label in ("meetings", "actions")]


@pytest.mark.django_db
@pytest.mark.parametrize("model", RECORD_ADMINS, ids=lambda model: model._meta.label)
def test_democratic_services_see_every_record_list(client, officer, rows, model):
    client.force_login(officer)

    response = client.get(admin_url(model, "changelist"))

    assert response.status_code == 200


@pytest.mark.django_db
def test_democratic_services_cannot_delete_a_meeting(client, officer, rows):
    client.force_login(officer)
    meeting = Meeting.objects.get()

    response = client.post(admin_url(Meeting, "delete", meeting.pk), {"post": "yes"})

    assert response.status_code == 403
    assert Meeting.objects.filter(pk=meeting.pk).exists()


# Query budgets: every changelist costs the same number of queries for 1 row as for 5.


@pytest.mark.django_db
@pytest.mark.parametrize("model", REGISTERED, ids=lambda model: model._meta.label)
def test_admin_list_queries_do_not_grow_with_rows(
    admin_client, admin_user, django_user_model, django_assert_num_queries, model
):
    url = admin_url(model, "changelist")
    make_rows(admin_user)
    with CaptureQueriesContext(connection) as one_row:
        assert admin_client.get(url).status_code == 200
    for n in range(1, 5):
        make_rows(django_user_model.objects.create_user(f"user-{n}", is_staff=True), n)

    with django_assert_num_queries(len(one_row)):
        response = admin_client.get(url)

    assert len(response.context["cl"].result_list) >= 5, "each row was made five times"


@pytest.mark.django_db
@pytest.mark.parametrize("model", RECORD_ADMINS, ids=lambda model: model._meta.label)
def test_a_forged_selection_is_refused_on_every_record_list(admin_client, admin_user, rows, model):
    """Lists with bulk actions refuse it with a message; read-only lists have none to run."""
    request = RequestFactory().get("/admin/")
    request.user = admin_user
    has_actions = bool(admin.site._registry[model].get_actions(request))
    before = model.objects.count()

    response = admin_client.post(
        admin_url(model, "changelist"),
        {"action": "delete_selected", "_selected_action": ["1", "1 OR 1=1", "9" * 25]},
        follow=True,
    )

    assert response.status_code == 200
    refused = "The rows chosen were not understood, so nothing was changed."
    assert (refused in response.content.decode()) == has_actions
    assert model.objects.count() == before
