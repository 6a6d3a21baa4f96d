"""After an edit the public sees it; and which views the public cache serves.

The record version is bumped when a write commits, and a test's own transaction never
commits: these tests run the commit hooks it holds back (``django_capture_on_commit_callbacks``),
as a real commit would. tests/test_record_version.py commits for real.
"""

import pytest
from django.core.cache import cache
from django.db import transaction
from django.test import Client
from django.urls import resolve, reverse

from meetings import services as minutes_services
from meetings.models import AgendaItem, Body
from panel.public_cache import entry_key, lock_key
from panel.record_version import bump_record_version, record_version
from tests import test_public_cache

pytestmark = pytest.mark.django_db

# The cache turned on, and the small views of tests/test_public_cache.py at their addresses.
public_cache_on = test_public_cache.public_cache_on
test_urls = test_public_cache.test_urls
served = test_public_cache.served

# --- After an edit -------------------------------------------------------------------------


def test_a_new_record_version_retires_every_entry(client, test_urls):
    client.get("/counted/")

    bump_record_version()

    assert served(client.get("/counted/")) == "miss"


def test_after_a_staff_edit_in_the_admin_the_public_sees_it(
    staff_client, panel, django_capture_on_commit_callbacks
):
    public, url = Client(), reverse("meetings:body_list")
    public.get(url)
    kept = public.get(url)
    assert served(kept) == "hit"
    assert panel.name in kept.content.decode()
    form = {
        "name": "Renamed Scrutiny Panel",
        "short_name": panel.short_name,
        "slug": panel.slug,
        "kind": panel.kind,
        "description": "",
        "is_active": "on",
        "_save": "Save",
    }

    with django_capture_on_commit_callbacks(execute=True):
        change = reverse("admin:meetings_body_change", args=[panel.pk])
        assert staff_client.post(change, form).status_code == 302

    assert "Renamed Scrutiny Panel" in public.get(url).content.decode()


def test_after_minutes_are_unpublished_the_public_no_longer_sees_them(
    client, record, staff_user, django_capture_on_commit_callbacks
):
    url = reverse("meetings:minutes_detail", kwargs={"pk": record.august.pk})
    welcomed = "The Chair welcomed those present"
    client.get(url)
    kept = client.get(url)
    assert served(kept) == "hit"
    assert welcomed in kept.content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        minutes_services.minutes_unpublish(
            minutes=record.august_minutes, user=staff_user, note="Published too early."
        )

    assert welcomed not in client.get(url).content.decode()


@pytest.mark.django_db(transaction=True)
def test_after_a_service_call_that_really_commits_the_public_sees_it(client, record, staff_user):
    url = reverse("meetings:minutes_detail", kwargs={"pk": record.august.pk})
    welcomed = "The Chair welcomed those present"
    client.get(url)
    assert served(client.get(url)) == "hit"

    minutes_services.minutes_unpublish(
        minutes=record.august_minutes, user=staff_user, note="Published too early."
    )

    assert welcomed not in client.get(url).content.decode()


def make_exempt(item):
    item.confidentiality = AgendaItem.Confidentiality.EXEMPT
    item.exempt_paragraphs = "3"
    item.save()


def test_after_an_item_is_made_exempt_the_public_no_longer_sees_its_title(
    client, record, django_capture_on_commit_callbacks
):
    url = reverse("meetings:meeting_detail", kwargs={"pk": record.july.pk})
    title = "S106 funding post review update"
    client.get(url)
    kept = client.get(url)
    assert served(kept) == "hit"
    assert title in kept.content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        make_exempt(AgendaItem.objects.get(title=title))

    assert title not in client.get(url).content.decode()


def test_an_edit_rolled_back_leaves_the_entries_in_use(
    client, test_urls, panel, django_capture_on_commit_callbacks
):
    client.get("/counted/")

    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        Body.objects.filter(pk=panel.pk).update(name="Never saved")
        raise RuntimeError

    assert served(client.get("/counted/")) == "hit"


def test_while_waiting_after_an_edit_the_previous_page_is_never_shown(
    client, record, django_capture_on_commit_callbacks
):
    url = reverse("meetings:meeting_detail", kwargs={"pk": record.july.pk})
    title = "S106 funding post review update"
    client.get(url)
    with django_capture_on_commit_callbacks(execute=True):
        make_exempt(AgendaItem.objects.get(title=title))
    key = entry_key(client.get(url).wsgi_request)
    cache.set(lock_key(key, record_version()), True, 10)  # another request is rendering

    response = client.get(url)

    assert title not in response.content.decode()


# --- Which views opt in --------------------------------------------------------------------

PUBLIC_ADDRESSES = [
    "/",
    "/meetings/",
    "/meetings/1/",
    "/meetings/1/minutes/",
    "/meetings/1/minutes.pdf",
    "/members/",
    "/members/someone/",
    "/bodies/",
    "/bodies/panel/",
    "/bodies/panel/calendar.ics",
    "/calendar.ics",
    "/decisions/",
    "/work-programme/",
    "/search/",
    "/actions/",
    "/actions/export.csv",
    "/actions/1/",
    "/actions/report/",
    "/actions/report/1/",
    "/actions/report/1.txt",
    "/api/v1/",
    "/api/v1/events/",
    "/api/v1/events/1/",
    "/api/schema/",
    "/api/docs/",
]
PRIVATE_ADDRESSES = [
    "/admin/",
    "/admin/meetings/meeting/",
    "/admin/import/",
    "/accounts/login/",
    "/accounts/logout/",
    "/accounts/tokens/",
    "/actions/mine/",
    "/media/papers/report.pdf",
]


@pytest.mark.parametrize("address", PUBLIC_ADDRESSES)
def test_every_public_page_and_api_read_opts_in(address):
    assert getattr(resolve(address).func, "public_cache", False)


@pytest.mark.parametrize("address", PRIVATE_ADDRESSES)
def test_admin_accounts_tokens_import_and_personal_pages_do_not(address):
    assert not getattr(resolve(address).func, "public_cache", False)
