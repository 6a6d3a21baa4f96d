"""The bulk download (/api/bulk/): the whole public record as one dated zip archive.

Uses the shared ``record`` fixture (tests/conftest.py), which holds an exempt private session,
a restricted paper and draft minutes, plus actions of each kind. The archive must hold
exactly what an anonymous client reads from /api/v1/, and nothing it may not.
"""

import csv
import datetime
import hashlib
import io
import json
import signal
import zipfile
from zoneinfo import ZoneInfo

import pytest
from django.core.cache import cache
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_tasks_db.models import DBTaskResult

from actions import services
from meetings.models import Body, Membership
from meetings.serializers.events import EventDetailSerializer
from panel import bulk
from tests.factories import (
    AgendaItemFactory,
    BodyFactory,
    MeetingFactory,
    PersonFactory,
    ResolutionFactory,
    WorkProgrammeEntryFactory,
)

pytestmark = pytest.mark.django_db

PRIVATE_TEXT = "the candidate was very credible"
PRIVATE_TITLE = "Private session: deliberations on the preferred candidate"
PRIVATE_DECISION = "the candidate, Claire Trewartha, be supported"
RESTRICTED_PAPER = "Curriculum vitae of the preferred candidate"
DRAFT_MINUTE = "Draft text: the Panel received a report"
DRAFT_RESOLUTION = "That the Panel notes the report (draft wording)."
PUBLIC_ACTION = "Bring an update on S106 funding to every Panel meeting"
RESTRICTED_ACTION = "Review the redacted estates disposal figures"
PRIVATE_ACTION = "Write to the preferred candidate about her induction"
CONFIDENTIAL = [
    PRIVATE_TEXT,
    PRIVATE_TITLE,
    PRIVATE_DECISION,
    RESTRICTED_PAPER,
    DRAFT_MINUTE,
    DRAFT_RESOLUTION,
    RESTRICTED_ACTION,
    PRIVATE_ACTION,
]


@pytest.fixture(autouse=True)
def today(time_machine):
    time_machine.move_to(datetime.datetime(2023, 11, 1, 12, tzinfo=ZoneInfo("Europe/London")))


@pytest.fixture(autouse=True)
def open_data_dir(settings, tmp_path):
    settings.OPEN_DATA_DIR = tmp_path / "open-data"
    # The archive's links name the site's address; the test client's is testserver.
    settings.SITE_URL = "http://testserver"
    return settings.OPEN_DATA_DIR


@pytest.fixture
def actions(record):
    """Actions of each kind, and the work programme, so that every list has rows."""
    WorkProgrammeEntryFactory(body=record.panel, meeting=record.december, title="Precept 2024-25")
    WorkProgrammeEntryFactory(body=record.cgb, title="Estates strategy")
    return {
        "public": services.action_create(
            meeting=record.july,
            resolution=record.july_resolutions[2],
            reference="3",
            text=PUBLIC_ACTION,
        ),
        "restricted": services.action_create(
            meeting=record.july, reference="4", text=RESTRICTED_ACTION, restricted=True
        ),
        "private": services.action_create(
            meeting=record.august, item=record.august_private, reference="5", text=PRIVATE_ACTION
        ),
    }


def build():
    out = io.StringIO()
    call_command("build_open_data", stdout=out)
    return out.getvalue()


def download(client, headers=None):
    response = client.get("/api/bulk/record.zip", headers=headers)
    if response.status_code == 200:
        response.archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    return response


def jsonl(archive, name):
    return [json.loads(line) for line in archive.read(f"{name}.jsonl").decode().splitlines()]


def csv_table(archive, name):
    return list(csv.reader(io.StringIO(archive.read(f"{name}.csv").decode(), newline="")))


def by_id(rows):
    return sorted(rows, key=lambda row: row["id"])


def api_rows(client, name, **params):
    """Every row of the list, following its pages as a client would."""
    rows, url, params = [], f"/api/v1/{name}/", {"page_size": 200, **params}
    while url:
        page = client.get(url, params).json()
        rows += page["results"]
        url, params = page["next"], {}
    return rows


def detail_rows(client, name, rows):
    """The rows as the archive's JSON Lines hold them: events in their detail form."""
    if name != "events":
        return rows
    return [client.get(f"/api/v1/events/{row['id']}/").json() for row in rows]


def api_csv(client, name):
    """The list's CSV, every page: (header, rows)."""
    header, rows, url = None, [], f"/api/v1/{name}/?format=csv&page_size=200"
    while url:
        response = client.get(url)
        page = list(csv.reader(io.StringIO(response.content.decode(), newline="")))
        header, rows = page[0], rows + page[1:]
        link = response.get("Link", "")
        url = next(
            (part.split(">")[0].lstrip("<") for part in link.split(", ") if "next" in part), None
        )
    return header, rows


def public_lists(client):
    """The lists under /api/v1/ that an anonymous client may read."""
    index = client.get("/api/v1/").json()
    return sorted(name for name in index if client.get(f"/api/v1/{name}/").status_code == 200)


# --- What the archive holds -------------------------------------------------------------------


def test_the_archive_holds_every_public_list_as_json_lines_and_csv(anonymous, record, actions):
    build()

    response = download(anonymous)

    names = set(response.archive.namelist())
    lists = public_lists(anonymous)
    assert {"organizations", "people", "memberships", "events", "motions"} <= set(lists)
    assert {"work-programme", "actions"} <= set(lists)
    assert names == {"datapackage.json"} | {f"{n}.{ext}" for n in lists for ext in ("jsonl", "csv")}
    assert "minutes.jsonl" not in names  # the staff-only minutes workflow


def test_rows_equal_what_the_anonymous_api_returns(anonymous, record, actions, monkeypatch):
    # Pages of two rows: every resource spans several, so a row lost or repeated between
    # pages would show.
    monkeypatch.setattr(bulk, "CHUNK_SIZE", 2)
    build()

    archive = download(anonymous).archive

    for name in public_lists(anonymous):
        expected = detail_rows(anonymous, name, api_rows(anonymous, name))
        assert by_id(jsonl(archive, name)) == by_id(expected), name
    meetings = (record.july, record.august, record.october, record.december)
    assert {event["id"] for event in jsonl(archive, "events")} == {m.pk for m in meetings}
    assert "agenda" in jsonl(archive, "events")[0]  # the detail form


def test_each_csv_equals_the_api_csv(anonymous, record, actions, monkeypatch):
    monkeypatch.setattr(bulk, "CHUNK_SIZE", 2)
    build()

    archive = download(anonymous).archive

    for name in public_lists(anonymous):
        header, rows = api_csv(anonymous, name)
        table = csv_table(archive, name)
        assert table[0] == header, name
        assert sorted(table[1:]) == sorted(rows), name
        assert len(rows) == len(api_rows(anonymous, name))


def test_a_mirror_loaded_from_the_archive_syncs_to_the_record_from_its_date(
    anonymous, record, actions, django_capture_on_commit_callbacks
):
    build()
    archive = download(anonymous).archive
    since = json.loads(archive.read("datapackage.json"))["created"]
    lists = public_lists(anonymous)
    mirror = {name: {row["id"]: row for row in jsonl(archive, name)} for name in lists}
    with django_capture_on_commit_callbacks(execute=True):
        record.cgb.name = "Corporate Governance and Audit Board"
        record.cgb.save()
        PersonFactory(given_name="Kirk", family_name="Master")
        actions["public"].restricted = True
        actions["public"].save()
        Membership.objects.filter(person=record.people.agath).delete()

    for name in lists:
        changed = detail_rows(anonymous, name, api_rows(anonymous, name, updated_since=since))
        mirror[name].update((row["id"], row) for row in changed)
    for entry in api_rows(anonymous, "deletions", since=since):
        mirror[entry["resource"]].pop(entry["id"], None)

    build()
    fresh = download(anonymous).archive
    for name in lists:
        assert mirror[name] == {row["id"]: row for row in jsonl(fresh, name)}, name
    assert PUBLIC_ACTION not in json.dumps(mirror["actions"])


def test_nothing_confidential_is_in_the_archive(anonymous, record, actions):
    build()

    archive = download(anonymous).archive
    text = "\n".join(archive.read(name).decode() for name in archive.namelist())

    for words in CONFIDENTIAL:
        assert words not in text, words
    # The public record is there: the July minutes, the public paper and action, and the
    # exempt item's outline with the reason it is withheld.
    assert "Nominations for the role of Chair of the Panel were invited." in text
    assert "Report of the Head of Law" in text
    assert PUBLIC_ACTION in text
    assert [a["reference"] for a in jsonl(archive, "actions")] == ["3"]
    august = next(e for e in jsonl(archive, "events") if e["id"] == record.august.pk)
    private = next(item for item in august["agenda"] if item["number"] == "4")
    assert private["withheld"] is True
    assert private["title"] is None


def test_the_data_package_describes_the_archive(anonymous, record):
    build()

    response = download(anonymous)
    archive = response.archive
    package = json.loads(archive.read("datapackage.json"))
    about = anonymous.get("/api/bulk/").json()

    assert package["licenses"] == [
        {
            "name": "OGL-UK-3.0",
            "title": "Open Government Licence v3.0",
            "path": "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/",
        }
    ]
    assert package["record_version"] == about["record_version"]
    assert response["X-Record-Version"] == str(package["record_version"])
    assert package["created"] == about["generated_at"]
    for resource in package["resources"]:
        data = archive.read(resource["path"])
        assert resource["bytes"] == len(data)
        assert resource["hash"] == f"sha256:{hashlib.sha256(data).hexdigest()}"
        lines = data.decode().splitlines()
        assert resource["rows"] == (len(lines) - 1 if resource["format"] == "csv" else len(lines))
        if resource["format"] == "csv":
            columns = [field["name"] for field in resource["schema"]["fields"]]
            assert columns == csv_table(archive, resource["name"].removesuffix("-csv"))[0]
    people = next(r for r in package["resources"] if r["name"] == "people")
    assert people["rows"] == len(record.people.__dict__)


# --- The two addresses --------------------------------------------------------------------------


def test_the_index_says_what_the_archive_is(anonymous, record):
    build()

    response = anonymous.get("/api/bulk/")

    assert response.status_code == 200
    body = response.json()
    assert body["url"] == "http://testserver/api/bulk/record.zip"
    assert body["stale"] is False
    assert body["licence"]["name"] == "Open Government Licence v3.0"
    download_response = download(anonymous)
    assert body["bytes"] == int(download_response["Content-Length"])
    assert body["filename"] in download_response["Content-Disposition"]
    assert {r["name"] for r in body["resources"]} >= {"events", "events-csv", "people"}


def test_the_download_is_a_dated_attachment_and_answers_304(anonymous, record):
    build()

    response = download(anonymous)
    again = anonymous.get("/api/bulk/record.zip", headers={"if-none-match": response["ETag"]})
    since = anonymous.get(
        "/api/bulk/record.zip", headers={"if-modified-since": response["Last-Modified"]}
    )
    other = download(anonymous, {"if-none-match": '"another-build"'})

    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"].startswith("attachment; filename=")
    assert response["ETag"] and response["Last-Modified"]
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == response["ETag"]
    assert since.status_code == 304
    assert other.status_code == 200


def test_head_gives_the_headers_without_the_file(anonymous, record):
    build()
    full = download(anonymous)

    head = anonymous.head("/api/bulk/record.zip")

    assert head.status_code == 200
    assert head.content == b""
    for header in ("ETag", "Last-Modified", "Content-Length", "Content-Disposition"):
        assert head[header] == full[header], header


def test_the_index_answers_304_until_it_changes(
    anonymous, record, django_capture_on_commit_callbacks
):
    build()
    first = anonymous.get("/api/bulk/")

    again = anonymous.get("/api/bulk/", headers={"if-none-match": first["ETag"]})
    with django_capture_on_commit_callbacks(execute=True):
        Body.objects.filter(pk=record.cgb.pk).update(name="Corporate Governance and Audit Board")
    changed = anonymous.get("/api/bulk/", headers={"if-none-match": first["ETag"]})

    assert again.status_code == 304
    assert changed.status_code == 200  # stale, or rebuilt: either way not what the client has
    assert changed["ETag"] != first["ETag"]


def test_the_first_request_builds_the_archive(anonymous, record, open_data_dir):
    assert not (open_data_dir / "record.zip").exists()

    response = download(anonymous)

    assert response.status_code == 200
    assert response["X-Open-Data-Stale"] == "false"
    assert (open_data_dir / "record.zip").exists()
    assert len(jsonl(response.archive, "events")) == 4


def test_while_the_first_build_runs_others_are_asked_to_come_back(anonymous, record):
    cache.add("open-data:first-build", True)  # another request is building it

    response = anonymous.get("/api/bulk/")

    assert response.status_code == 503
    assert response["Retry-After"] == "60"
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["code"] == "unavailable"


def test_writes_are_refused_with_a_json_405(anonymous, record):
    response = anonymous.post("/api/bulk/record.zip")

    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD"
    assert "GET" in response.json()["detail"]


# --- Kept current ---------------------------------------------------------------------------


def test_a_change_makes_the_archive_stale_and_the_rebuild_reflects_it(
    anonymous, record, django_capture_on_commit_callbacks
):
    build()
    first = download(anonymous)
    with django_capture_on_commit_callbacks(execute=True):
        Body.objects.filter(pk=record.cgb.pk).update(name="Corporate Governance and Audit Board")

    stale = download(anonymous)
    fresh = download(anonymous)

    # The stale download is the previous archive, labelled as such; it queued the rebuild
    # (run at once by the suite's task backend), which the next download gets.
    assert stale["X-Open-Data-Stale"] == "true"
    assert stale["ETag"] == first["ETag"]
    assert "Corporate Governance Board" in {
        o["name"] for o in jsonl(stale.archive, "organizations")
    }
    assert fresh["X-Open-Data-Stale"] == "false"
    assert fresh["ETag"] != first["ETag"]
    names = {o["name"] for o in jsonl(fresh.archive, "organizations")}
    assert "Corporate Governance and Audit Board" in names
    assert "Corporate Governance Board" not in names
    assert (
        anonymous.get("/api/bulk/record.zip", headers={"if-none-match": first["ETag"]}).status_code
        == 200
    )


def test_an_unchanged_record_is_not_rebuilt(anonymous, record):
    build()
    first = download(anonymous)

    assert download(anonymous)["ETag"] == first["ETag"]
    assert anonymous.get("/api/bulk/").json()["stale"] is False


def test_a_failed_build_leaves_the_previous_archive(
    anonymous, record, open_data_dir, monkeypatch, django_capture_on_commit_callbacks
):
    build()
    before = (open_data_dir / "record.zip").read_bytes()
    with django_capture_on_commit_callbacks(execute=True):
        Body.objects.filter(pk=record.cgb.pk).update(name="Corporate Governance and Audit Board")

    def broken(serializer, meeting):
        raise RuntimeError("a serializer that fails halfway")

    monkeypatch.setattr(EventDetailSerializer, "get_agenda", broken)
    with pytest.raises(CommandError, match=r"could not be built.*previous archive"):
        build()

    assert (open_data_dir / "record.zip").read_bytes() == before
    assert [p.name for p in open_data_dir.iterdir()] == ["record.zip"]  # no half-written file
    response = download(anonymous)  # its rebuild fails too: the previous one is still served
    assert response.status_code == 200
    assert response["X-Open-Data-Stale"] == "true"
    assert (open_data_dir / "record.zip").read_bytes() == before


def test_a_build_reads_a_page_of_rows_in_a_fixed_number_of_queries(
    record, actions, django_assert_max_num_queries
):
    with CaptureQueriesContext(connection) as small:
        build()
    for n in range(3):
        meeting = MeetingFactory(body=record.cgb, date=datetime.date(2023, 6, 20 + n))
        item = AgendaItemFactory(meeting=meeting, title=f"Estates update {n}")
        ResolutionFactory(
            item=item,
            text=f"That the update be noted ({n}).",
            mover=PersonFactory(given_name=f"New{n}"),
        )
        services.action_create(meeting=meeting, item=item, text=f"Report on estates ({n})")
        WorkProgrammeEntryFactory(body=record.cgb, meeting=meeting)

    # More rows of every kind, each resource still on one page: no query per row.
    with django_assert_max_num_queries(len(small)):
        build()


def test_the_command_says_what_it_built(record, open_data_dir):
    output = build()

    assert str(open_data_dir / "record.zip") in output
    assert "events 4" in output
    assert "people 11" in output


# --- Through the production task queue --------------------------------------------------------


@pytest.fixture
def signal_handlers():
    """The worker takes over SIGINT and SIGTERM to stop gracefully; give them back."""
    saved = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGQUIT)}
    yield
    for sig, handler in saved.items():
        signal.signal(sig, handler)


@pytest.mark.django_db(transaction=True)
def test_stale_downloads_queue_one_rebuild_at_a_time_that_the_worker_runs(
    anonymous, settings, signal_handlers
):
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}
    }
    BodyFactory()
    build()
    BodyFactory(name="Corporate Governance Board", slug="cgb")  # commits: a new version

    first = download(anonymous)
    PersonFactory(given_name="Kirk", family_name="Master")  # another version meanwhile
    about = anonymous.get("/api/bulk/").json()

    # One build queued for both: the downloads got the previous archive, saying so.
    task = DBTaskResult.objects.get()
    assert task.task_path == "panel.bulk_tasks.build_open_data"
    assert first["X-Open-Data-Stale"] == "true"
    assert about["stale"] is True
    assert [o["slug"] for o in jsonl(first.archive, "organizations")] == ["pcp"]

    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)

    after = download(anonymous)
    assert after["X-Open-Data-Stale"] == "false"
    assert sorted(o["slug"] for o in jsonl(after.archive, "organizations")) == ["cgb", "pcp"]
    assert "kirk-master" in {p["slug"] for p in jsonl(after.archive, "people")}
