"""python manage.py import_minutes FILE... [--dry-run] [--create-people] [--body SLUG]"""

import io

import pytest
from django.core.management import CommandError, call_command

from meetings.models import Meeting, Person
from tests.importing import SEED_FILES, SEEDS, make_panel, make_people_2017, seed_text

pytestmark = pytest.mark.django_db


def run(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command("import_minutes", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.fixture
def seed_002():
    seed_text("002")
    return str(SEEDS / SEED_FILES["002"])


def test_prints_what_it_created_and_the_anomaly_report(seed_002):
    make_people_2017(make_panel())
    out, _ = run(seed_002)
    assert "Created:\n" in out
    assert "The minutes of the Panel meeting of 3 February 2017 (precept meeting)" in out
    assert "Anomaly report:\n" in out
    assert "\u201cCllr. M. Sood\u201d was matched by initials" in out


def test_dry_run_writes_nothing(seed_002):
    make_people_2017(make_panel())
    out, _ = run(seed_002, "--dry-run")
    assert out.startswith("Would import 002_104d3c904477f23b.txt.")
    assert Meeting.objects.count() == 0


def test_create_people_creates_the_names_that_match_nobody(seed_002):
    make_panel()
    run(seed_002, "--create-people")
    assert Person.objects.count() == 19


def test_refusal_is_an_error_naming_the_file_and_nothing_is_written(seed_002):
    make_panel()
    with pytest.raises(CommandError, match="1 of 1 file"):
        run(seed_002)
    assert Meeting.objects.count() == 0


def test_refusal_message_says_how_to_go_on(seed_002):
    make_panel()
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_minutes", seed_002, stdout=io.StringIO(), stderr=err)
    assert "use --create-people" in err.getvalue()


def test_unknown_body_slug_is_an_error_listing_the_bodies(seed_002):
    make_panel()
    with pytest.raises(CommandError, match=r"No body has the slug 'nope'\. Bodies: llr-pcp\."):
        run(seed_002, "--body", "nope")


def test_a_missing_file_is_reported(tmp_path):
    with pytest.raises(CommandError, match="1 of 1 file"):
        run(str(tmp_path / "missing.txt"))


def test_second_run_says_nothing_changed(seed_002):
    make_people_2017(make_panel())
    run(seed_002)
    out, _ = run(seed_002)
    assert out.startswith(
        "Nothing changed: everything in 002_104d3c904477f23b.txt is already recorded."
    )


def test_accept_requests_raises_an_action_for_every_request():
    from actions.models import Action
    from tests.importing import make_cgb, make_people_2023

    seed_text("001")
    make_people_2023(make_panel())
    make_cgb()
    run(str(SEEDS / SEED_FILES["001"]), "--accept-requests")
    assert Action.objects.filter(meeting__body__slug="llr-pcp").count() == 10
