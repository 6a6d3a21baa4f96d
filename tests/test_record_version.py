"""The record version (panel/record_version.py): every write to the record that commits, by
whatever path, changes it once per transaction; nothing else does.

These tests commit for real (``django_db(transaction=True)``): the version moves on commit.
"""

import pytest
from django.contrib.auth import get_user_model
from django.db import transaction

from meetings.models import Body
from panel.record_version import record_version, writes_record
from tests.factories import BodyFactory


@pytest.mark.django_db(transaction=True)
def test_a_write_committed_by_any_path_bumps_the_record_version(panel):
    versions = [record_version()]
    # queryset.update() and bulk_create() send no signals; the first runs in autocommit.
    Body.objects.filter(pk=panel.pk).update(name="Renamed in bulk")
    versions.append(record_version())
    with transaction.atomic():
        Body.objects.bulk_create([Body(name=f"Board {n}", slug=f"board-{n}") for n in (1, 2)])
    versions.append(record_version())
    Body.objects.filter(slug="board-1").delete()
    versions.append(record_version())

    assert len(set(versions)) == 4


@pytest.mark.django_db(transaction=True)
def test_one_transaction_bumps_the_version_once():
    before = record_version()
    with transaction.atomic():
        for n in range(3):
            Body.objects.create(name=f"Board {n}", slug=f"board-{n}")

    assert record_version() == before + 1


@pytest.mark.django_db(transaction=True)
def test_a_rolled_back_write_does_not_bump_the_version():
    before = record_version()
    with pytest.raises(RuntimeError), transaction.atomic():
        BodyFactory()
        raise RuntimeError

    assert record_version() == before


@pytest.mark.django_db(transaction=True)
def test_writes_outside_the_record_leave_the_version_alone(client, staff_user):
    before = record_version()
    get_user_model().objects.create_user("another")
    client.force_login(staff_user)  # a session row and the last-login time

    assert record_version() == before


@pytest.mark.parametrize(
    ("sql", "changes_record"),
    [
        ('INSERT INTO "meetings_meeting" ("title") VALUES (%s)', True),
        ('UPDATE "actions_action" SET "status" = %s', True),
        ('DELETE FROM "meetings_declaration_items" WHERE "id" IN (1)', True),
        ('INSERT OR REPLACE INTO "meetings_body" VALUES (1)', True),
        ('TRUNCATE "meetings_body", "actions_action"', True),
        ('UPDATE "public"."meetings_agendaitem" SET "title" = %s', True),
        ("update `actions_owner` set name = 'x'", True),
        ("DELETE FROM some_view_we_cannot_read", False),
        ('INSERT INTO "django_session" ("session_key") VALUES (%s)', False),
        ('UPDATE "auth_user" SET "last_login" = %s', False),
        ('DELETE FROM "knox_authtoken"', False),
        ('SELECT * FROM "meetings_meeting"', False),
        ("SAVEPOINT s1", False),
    ],
)
def test_which_statements_change_the_record(sql, changes_record):
    assert writes_record(sql) is changes_record


@pytest.mark.django_db(transaction=True)
def test_only_the_writes_that_commit_count_within_savepoints():
    before = record_version()
    with transaction.atomic(), pytest.raises(RuntimeError), transaction.atomic():
        Body.objects.create(name="Undone", slug="undone")
        raise RuntimeError
    after_nothing_kept = record_version()
    with transaction.atomic():
        Body.objects.create(name="Kept", slug="kept")
        with pytest.raises(RuntimeError), transaction.atomic():
            Body.objects.create(name="Undone", slug="undone")
            raise RuntimeError

    assert after_nothing_kept == before
    assert record_version() == before + 1
