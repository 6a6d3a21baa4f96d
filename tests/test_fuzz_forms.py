"""Fuzz the site's HTML forms: no input, however malformed, gets a server error.

Every page's filter form is sent random values for every parameter it declares (and a few
it does not), as each kind of visitor; the staff forms (the importer's upload and the bulk
action pages) are posted random fields and files. Hypothesis runs derandomised, so the same
inputs are tried on every run and a failure can be reproduced. The API has its own fuzz run
(tests/api/test_schema.py, schemathesis).

The assertion is only "no 5xx": what each bad value should answer is asserted in the
pages', importer's and action log's own tests. The importer is also given spoilt copies of real
papers, through its page and its command: there the assertion is also that a refusal leaves
the record exactly as it was.
"""

import io
import re
from functools import wraps

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import transaction
from django.test import Client
from django.urls import reverse
from hypothesis import given, settings
from hypothesis import strategies as st

from actions import services
from actions.filters import ActionFilter
from actions.models import Action
from meetings.filters import (
    PersonPageFilter,
    ResolutionPageFilter,
    SearchForm,
    WorkProgrammePageFilter,
)
from meetings.importing.forms import ConfirmForm
from meetings.views.meetings import MeetingPageFilter
from tests.importing import (
    AGENDA_PACK,
    CITY_MINUTES,
    COUNTY_MINUTES,
    error_summary,
    make_cgb,
    make_panel,
    make_people_2017,
    make_people_2023,
    record_rows,
    seed_bytes,
)

# How many examples, and derandomisation, come from the Hypothesis profile (tests/conftest.py):
# a few on every `make test`, many more under `make test-deep`.
FUZZ = settings()

pytestmark = pytest.mark.sweeping

# Values that have broken form handling elsewhere: NUL bytes (PostgreSQL refuses them in
# text), out-of-range integers, impossible dates, very long strings, lookalike choices.
NASTY = st.sampled_from(
    [
        "",
        " ",
        "\x00",
        "a\x00b",
        "-1",
        "0",
        "99999999999999999999999",
        "1e309",
        "NaN",
        "2023-02-30",
        "2023-13-01",
        "9999-12-31",
        "0000-00-00",
        "26/07/2023",
        "true",
        "yes",
        "[]",
        "' OR 1=1 --",
        "<script>alert(1)</script>",
        "%",
        "_",
        "\\",
        "𝔓𝔞𝔫𝔢𝔩",
        "x" * 5000,
    ]
)
VALUE = st.one_of(NASTY, st.text(max_size=40), st.integers().map(str))


def params_for(names):
    """Query dicts over ``names``: each parameter absent, once or repeated."""
    return st.dictionaries(
        st.sampled_from(sorted(names)),
        st.one_of(VALUE, st.lists(VALUE, min_size=2, max_size=3)),
        max_size=len(names),
    )


def declared(filterset):
    """Every parameter a filterset reads, including the ``*_after``/``*_before`` pairs."""
    names = set()
    for name, field in filterset().form.fields.items():
        widget = getattr(field, "widget", None)
        suffixes = getattr(widget, "suffixes", None)
        names |= {f"{name}_{suffix}" for suffix in suffixes} if suffixes else {name}
    return names


COMMON = {"page", "o", "ordering", "sort", "year", "q", "format"}
PAGES = {
    "meetings:home": COMMON,
    "meetings:meeting_list": declared(MeetingPageFilter) | COMMON,
    "meetings:resolution_list": declared(ResolutionPageFilter) | COMMON,
    "meetings:person_list": declared(PersonPageFilter) | COMMON,
    "meetings:workprogramme_list": declared(WorkProgrammePageFilter) | COMMON,
    "meetings:search": set(SearchForm.base_fields) | COMMON,
    "meetings:calendar": COMMON | {"body"},
    "actions:action_list": declared(ActionFilter) | COMMON,
    "actions:action_export": declared(ActionFilter) | COMMON,
    "actions:action_mine": declared(ActionFilter) | COMMON,
    "actions:action_report_choose": {"meeting"},
}


@pytest.fixture
def visitors(record, member_user, staff_user):
    """Clients for each kind of visitor over the same small 2023 record."""
    clients = {"anonymous": Client()}
    for role, user in (("member", member_user), ("officer", staff_user)):
        clients[role] = Client()
        clients[role].force_login(user)
    return clients


def assert_no_server_error(response, what):
    assert response.status_code < 500, f"{what} answered {response.status_code}"


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["anonymous", "member", "officer"])
@pytest.mark.parametrize("page", sorted(PAGES))
def test_page_filters_never_answer_a_server_error(visitors, role, page):
    url = reverse(page)

    @FUZZ
    @given(params=params_for(PAGES[page]))
    def check(params):
        assert_no_server_error(visitors[role].get(url, params), f"GET {url} {params!r}")

    check()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    [
        "/meetings/{}/",
        "/meetings/{}/minutes/",
        "/meetings/{}/minutes.pdf",
        "/members/{}/",
        "/bodies/{}/",
        "/bodies/{}/calendar.ics",
        "/actions/{}/",
        "/actions/report/{}/",
        "/actions/report/{}.txt",
        "/admin/meetings/meeting/{}/change/",
        "/admin/actions/action/{}/change/",
        "/admin/actions/action/{}/history/",
    ],
)
def test_malformed_ids_in_addresses_are_not_found_not_errors(visitors, path):
    @FUZZ
    @given(
        key=st.one_of(
            st.integers(min_value=0, max_value=10**30).map(str),
            st.sampled_from(["-1", "1.5", "%00", "..", "llr-pcp%2F..", "x" * 300]),
        )
    )
    def check(key):
        for client in visitors.values():
            assert_no_server_error(client.get(path.format(key)), path.format(key))

    check()


@pytest.mark.django_db
def test_log_in_form_takes_any_input_without_error(client):
    @FUZZ
    @given(username=VALUE, password=VALUE, otp_token=VALUE)
    def check(username, password, otp_token):
        data = {"username": username, "password": password, "otp_token": otp_token}
        assert_no_server_error(client.post("/accounts/login/", data), f"log-in {data!r}")
        assert_no_server_error(client.post("/admin/login/", data), f"admin log-in {data!r}")

    check()


@pytest.mark.django_db
def test_importer_upload_takes_any_file_without_error(visitors):
    officer = visitors["officer"]

    @FUZZ
    @given(
        name=st.sampled_from(["minutes.txt", "pack.pdf", "", "a" * 300 + ".txt", "x\x00.txt"]),
        content=st.one_of(
            st.binary(max_size=2000),
            st.text(max_size=2000).map(str.encode),
            st.sampled_from(
                [
                    b"",
                    b"\xff\xfe\x00\x00",
                    b"Minutes of the Meeting of the PANEL\n\nHeld: WEDNESDAY, 31 FEBRUARY 2023",
                    b"Minutes of a meeting of the Panel held at County Hall on Friday, 3 Feb",
                    b"PRESENT\n\n" * 500,
                ]
            ),
        ),
    )
    def check(name, content):
        upload = SimpleUploadedFile(name or "blank", content, "text/plain")
        response = officer.post("/admin/import/", {"file": upload})
        assert_no_server_error(response, f"upload {name!r} of {len(content)} bytes")
        response = officer.post("/admin/import/confirm/", {"token": content[:80].hex()})
        assert_no_server_error(response, "confirm with a forged token")

    check()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "admin_action",
    ["start", "mark_complete", "submit_for_sign_off", "sign_off", "reopen", "withdraw"],
)
def test_bulk_action_pages_take_any_input_without_error(visitors, record, admin_action):
    officer = visitors["officer"]
    url = reverse("admin:actions_action_changelist")
    for reference in ("8a", "8b", "8c"):
        services.action_create(meeting=record.july, reference=reference, text="Report back")
    selected = [str(pk) for pk in Action.objects.values_list("pk", flat=True)]

    @FUZZ
    @given(
        fields=st.dictionaries(
            st.sampled_from(["note", "status_wording", "meeting", "reason", "signed_off_on"]),
            VALUE,
        ),
        chosen=st.one_of(st.just(selected), st.lists(VALUE, max_size=3)),
        confirm=st.booleans(),
    )
    def check(fields, chosen, confirm):
        data = {"action": admin_action, "_selected_action": chosen, **fields}
        if confirm:
            data["apply"] = "yes"
        assert_no_server_error(officer.post(url, data), f"{admin_action} {data!r}")

    check()


# -- the importer, given spoilt copies of real papers -------------------------------------------
# Each import reads up to a few dozen kilobytes and takes about a second: a quarter of the
# profile's examples (at least three).
IMPORT_FUZZ = settings(FUZZ, max_examples=max(3, FUZZ.max_examples // 4))
WINDOW = 24_000
# Digits and punctuation reach dates, numbers and headings; any other byte, the decoder.
BYTE = st.one_of(st.sampled_from(b"0123456789 \n\t.,:-()*"), st.integers(0, 255))
# Where the seed papers' agendas, minutes and action lists begin: slices often start there.
LANDMARK_RE = re.compile(
    rb"^(?:MEETING OF|Meeting:|Minutes of|- \d+\. Actions arising)", re.IGNORECASE | re.MULTILINE
)


@pytest.fixture
def papers():
    """The seed packs with minutes and action lists, and the small hand-made papers."""
    return {
        "001": seed_bytes("001"),
        "002": seed_bytes("002"),
        "city minutes": CITY_MINUTES.encode(),
        "county minutes": COUNTY_MINUTES.encode(),
        "agenda": AGENDA_PACK.encode(),
    }


@pytest.fixture
def panel_and_people(db):
    """The bodies and people the papers name, and nothing else: the papers import in full."""
    panel = make_panel()
    make_people_2023(panel)
    make_people_2017(panel)
    make_cgb()


def spoilt_copies(papers):
    """A random slice of a paper, then kept as it is, lines shuffled, cut short or corrupted."""

    def slices(data):
        starts = [0, *(m.start() for m in LANDMARK_RE.finditer(data))]
        start = st.one_of(st.sampled_from(starts), st.integers(0, len(data) - 1))
        length = st.one_of(st.sampled_from([WINDOW, WINDOW // 8]), st.integers(1, WINDOW))
        return st.tuples(start, length).map(lambda s: data[s[0] : s[0] + s[1]])

    piece = st.sampled_from(sorted(papers)).flatmap(lambda key: slices(papers[key]))
    return st.one_of(
        piece,
        st.tuples(piece, st.randoms(use_true_random=False)).map(shuffle_some_lines),
        piece.flatmap(lambda data: st.integers(0, len(data)).map(lambda end: data[:end])),
        st.tuples(
            piece,
            st.lists(st.tuples(st.integers(0, WINDOW), BYTE), min_size=1, max_size=8),
        ).map(overwrite_bytes),
    )


def shuffle_some_lines(piece_and_random):
    data, rng = piece_and_random
    lines = data.split(b"\n")
    start = rng.randrange(len(lines))
    run = lines[start : start + rng.randint(2, 12)]
    rng.shuffle(run)
    return b"\n".join(lines[:start] + run + lines[start + len(run) :])


def overwrite_bytes(piece_and_changes):
    data, changes = piece_and_changes
    spoilt = bytearray(data)
    for position, value in changes:
        if spoilt:
            spoilt[position % len(spoilt)] = value
    return bytes(spoilt)


def undone_after(check):
    """Run ``check`` in a savepoint rolled back after it, so examples do not see each other."""

    @wraps(check)
    def run(*args, **kwargs):
        with transaction.atomic():
            check(*args, **kwargs)
            transaction.set_rollback(True)

    return run


@pytest.mark.django_db
def test_import_page_refuses_spoilt_papers_cleanly(client, staff_user, panel_and_people, papers):
    client.force_login(staff_user)

    @IMPORT_FUZZ
    @given(data=spoilt_copies(papers))
    @undone_after
    def check(data):
        before = record_rows()
        upload = SimpleUploadedFile("spoilt.txt", data, "text/plain")
        response = client.post("/admin/import/", {"file": upload})
        assert_no_server_error(response, f"upload of {len(data)} bytes")
        form = response.context.get("form") if response.context else None
        if isinstance(form, ConfirmForm) and b"Confirm and import" in response.content:
            accept = [key for key, _ in form.fields["accept"].choices]
            response = client.post(
                "/admin/import/confirm/",
                {"token": form["token"].value(), "create_people": "on", "accept": accept},
            )
            assert_no_server_error(response, f"confirmation of {len(data)} bytes")
        if error_summary(response):
            assert record_rows() == before, error_summary(response)

    check()


@pytest.mark.django_db
def test_import_command_refuses_spoilt_papers_cleanly(tmp_path, panel_and_people, papers):
    path = tmp_path / "spoilt.txt"

    @IMPORT_FUZZ
    @given(data=spoilt_copies(papers))
    @undone_after
    def check(data):
        before = record_rows()
        path.write_bytes(data)
        err = io.StringIO()
        try:
            call_command(
                "import_minutes",
                str(path),
                "--create-people",
                "--accept-requests",
                stdout=io.StringIO(),
                stderr=err,
            )
        except CommandError:
            assert "spoilt.txt: not imported." in err.getvalue()
            assert record_rows() == before, err.getvalue()

    check()
