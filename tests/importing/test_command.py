"""python manage.py import_minutes FILE... [--dry-run] [--create-people] [--body SLUG]"""

import io
import re
from html import escape

import pypdf
import pytest
from django.core.management import CommandError, call_command

from meetings.models import Meeting, Person
from meetings.pdf import html_to_pdf
from tests.importing import (
    CITY_MINUTES,
    SEED_FILES,
    SEEDS,
    make_panel,
    make_people_2017,
    make_people_2023,
    seed_text,
)

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
    run(str(SEEDS / SEED_FILES["001"]), "--accept-requests", "--confirm-names")
    assert Action.objects.filter(meeting__body__slug="llr-pcp").count() == 10


def test_style_forces_the_house_style_the_minutes_are_read_in(seed_002):
    make_people_2017(make_panel())
    out, _ = run(seed_002, "--style", "county")
    assert "The minutes of the Panel meeting of 3 February 2017 (precept meeting)" in out
    with pytest.raises(CommandError, match="1 of 1 file"):
        run(seed_002, "--style", "city", "--dry-run")


def test_an_unknown_style_is_an_error_naming_the_styles_before_anything_is_read(seed_002):
    make_people_2017(make_panel())
    with pytest.raises(CommandError, match=r'there is no house style called "nope".*county'):
        run(seed_002, "--style", "nope")
    assert Meeting.objects.count() == 0


def text_as_pdf(text):
    """``text`` printed to PDF, a paragraph a line, as a council publishes its minutes."""
    lines = "".join(
        f"<p style='margin: 0'>{escape(line) or '&nbsp;'}</p>" for line in text.splitlines()
    )
    page = "<style>@page { size: A3 landscape }</style>"  # wide enough for the longest line
    html = f"<html lang='en'><head><title>Minutes</title>{page}</head><body>{lines}</body></html>"
    return html_to_pdf(html, base_url="http://localhost/")


def test_a_pdf_file_is_imported_as_its_text_would_be(tmp_path):
    make_people_2023(make_panel())
    (tmp_path / "minutes.pdf").write_bytes(text_as_pdf(CITY_MINUTES))
    (tmp_path / "minutes.txt").write_text(CITY_MINUTES)
    from_text, _ = run(str(tmp_path / "minutes.txt"), "--dry-run")
    from_pdf, _ = run(str(tmp_path / "minutes.pdf"), "--dry-run")
    assert from_pdf.startswith("Would import minutes.pdf.")
    assert from_pdf.replace("minutes.pdf", "minutes.txt") == from_text


def test_a_refusal_in_a_pdf_says_on_which_page_its_line_is_printed(tmp_path):
    make_people_2023(make_panel())
    cover = "Leicester, Leicestershire and Rutland Police and Crime Panel\n" * 60
    minutes = CITY_MINUTES.replace("13 DECEMBER 2023", "31 FEBRUARY 2023")
    data = text_as_pdf(cover + minutes)
    (tmp_path / "minutes.pdf").write_bytes(data)
    printed_on = next(
        number
        for number, page in enumerate(pypdf.PdfReader(io.BytesIO(data)).pages, start=1)
        if "31 FEBRUARY 2023" in page.extract_text()
    )
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_minutes", str(tmp_path / "minutes.pdf"), stderr=err)
    assert "\u201c31 FEBRUARY 2023\u201d is not a date" in err.getvalue()
    assert printed_on > 1
    assert re.search(
        rf"\(line \d+ of the text read from the PDF is on page {printed_on}\)", err.getvalue()
    )


def test_confirm_names_matches_every_near_miss_and_saves_it_as_a_spelling():
    from tests.importing import make_cgb

    people = make_people_2023(make_panel())
    make_cgb()
    seed_001 = str(SEEDS / SEED_FILES["001"])
    with pytest.raises(CommandError, match="1 of 1 file"):
        run(seed_001)
    assert Meeting.objects.filter(body__slug="llr-pcp").count() == 0
    run(seed_001, "--confirm-names")
    assert list(people["Allnatt"].aliases.values_list("name", flat=True)) == ["Councillor Alnatt"]
    assert not Person.objects.filter(family_name__in=["Alnatt", "Mansoor"]).exists()


def test_help_explains_confirm_names():
    from meetings.management.commands.import_minutes import Command

    text = " ".join(Command().create_parser("manage.py", "import_minutes").format_help().split())
    assert "--confirm-names Accept every near miss as the person it looks like" in text
