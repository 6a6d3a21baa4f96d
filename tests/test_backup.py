"""Backup and restore as the README documents them: a restored dump gives the same pages.

PostgreSQL: pg_dump --format=custom, then pg_restore into a fresh, empty database.
SQLite: the online backup API (what `sqlite3 db.sqlite3 ".backup copy.sqlite3"` does).
"""

import glob
import re
import shutil
import sqlite3
import subprocess

import pytest
from django.core.management import call_command
from django.db import DEFAULT_DB_ALIAS, connection, connections
from django.test import Client

from meetings.models import Meeting, Person

VOLATILE = [
    re.compile(rb'nonce="[^"]*"'),
    re.compile(rb'name="csrfmiddlewaretoken" value="[^"]*"'),
]


def page_urls():
    meeting = Meeting.objects.filter(minutes__isnull=False).order_by("date").first()
    person = Person.objects.filter(memberships__isnull=False).order_by("slug").first()
    return [
        "/",
        "/meetings/",
        meeting.get_absolute_url(),
        f"/meetings/{meeting.pk}/minutes/",
        person.get_absolute_url(),
        "/decisions/",
        "/actions/",
        "/api/v1/events/",
        "/api/v1/actions/",
    ]


def render(urls):
    client = Client()
    pages = {}
    for url in urls:
        response = client.get(url)
        body = response.content
        for pattern in VOLATILE:
            body = pattern.sub(b"", body)
        pages[url] = (response.status_code, body)
    return pages


def pages_from(settings_dict_changes, urls):
    """Render ``urls`` with the default database swapped for another (the restored copy),
    then put the original back, untouched: closing or re-pointing it would lose SQLite's
    in-memory test database."""
    original = connections[DEFAULT_DB_ALIAS]
    restored = original.__class__(
        {**original.settings_dict, **settings_dict_changes}, alias=DEFAULT_DB_ALIAS
    )
    connections[DEFAULT_DB_ALIAS] = restored
    try:
        return render(urls)
    finally:
        restored.close()
        connections[DEFAULT_DB_ALIAS] = original


def pg_tool(name):
    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    return candidates[-1] if candidates else shutil.which(name)


@pytest.mark.django_db(transaction=True)
def test_a_restored_backup_gives_the_same_pages(tmp_path):
    call_command("load_demo", verbosity=0)
    urls = page_urls()
    before = render(urls)
    assert all(status == 200 for status, _ in before.values())

    settings = connection.settings_dict
    if connection.vendor == "postgresql":
        dump = tmp_path / "panel.dump"
        target = f"{settings['NAME']}_restored"
        conninfo = [
            "-h",
            settings["HOST"] or "127.0.0.1",
            "-p",
            str(settings["PORT"] or 5432),
            "-U",
            settings["USER"] or "postgres",
        ]
        subprocess.run(
            [pg_tool("pg_dump"), *conninfo, "--format=custom", f"--file={dump}", settings["NAME"]],
            check=True,
        )
        with connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{target}"')
            cursor.execute(f'CREATE DATABASE "{target}"')
        try:
            subprocess.run(
                [pg_tool("pg_restore"), *conninfo, "--no-owner", f"--dbname={target}", str(dump)],
                check=True,
            )
            after = pages_from({"NAME": target}, urls)
        finally:
            with connection.cursor() as cursor:
                cursor.execute(f'DROP DATABASE IF EXISTS "{target}"')
    else:
        copy = tmp_path / "copy.sqlite3"
        connection.ensure_connection()
        with sqlite3.connect(copy) as destination:
            connection.connection.backup(destination)
        after = pages_from({"NAME": str(copy), "TEST": {"NAME": str(copy)}}, urls)

    assert after.keys() == before.keys()
    for url in urls:
        assert after[url] == before[url], f"{url} differs after restore"
