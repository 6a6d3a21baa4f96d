"""import_minutes FOLDER: every PDF, Word and text file in it, a progress line each, one table."""

import io

import pytest
from django.core.management import CommandError, call_command

from meetings.models import Meeting
from tests.importing import make_panel, make_people_2017, record_rows, seed_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def folder(tmp_path):
    make_people_2017(make_panel())
    (tmp_path / "002.txt").write_bytes(seed_bytes("002"))
    (tmp_path / "damaged.pdf").write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog")
    (tmp_path / "notes.csv").write_text("not minutes,ignored\n")
    return tmp_path


def run(*args):
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("import_minutes", *args, stdout=out, stderr=err)
    except CommandError as error:
        return out.getvalue(), err.getvalue(), str(error)
    return out.getvalue(), err.getvalue(), None


def table_rows(out):
    """The rows of the summary table, by file name: each a list of its cells."""
    lines = out[out.index("\nSummary:\n") :].splitlines()[4:]
    return {line.split()[0]: line.split(None, 10) for line in lines if not line.startswith(" ")}


def test_the_good_file_is_imported_and_the_bad_one_refused(folder):
    _, _, error = run(str(folder))
    assert Meeting.objects.count() == 2  # the 2017 pack's meeting, and the minutes'
    assert error == f"1 of 2 file(s) not imported: {folder / 'damaged.pdf'}."


def test_a_progress_line_per_file_goes_to_stderr(folder):
    _, err, _ = run(str(folder))
    progress = [line for line in err.splitlines() if line.startswith("[")]
    assert [line.split(" (")[0] for line in progress] == [
        "[1/2] 002.txt: imported",
        "[2/2] damaged.pdf: refused",
    ]


def test_one_summary_table_ends_the_output(folder):
    out, _, _ = run(str(folder))
    assert out.count("Summary:") == 1
    header = out[out.index("Summary:") :].splitlines()[1]
    assert header.split() == [
        "File", "Pages", "Items", "RESOLVED", "Motions", "Votes", "Present", "Apologies",
        "Declarations", "Anomalies", "Outcome",
    ]  # fmt: skip
    rows = table_rows(out)
    # The minutes of 3 February 2017, counted by hand: items 46 to 55, RESOLVED under 52, 53
    # and 55, the precept motion under 54 (carried unanimously: no recorded vote), fourteen
    # members present, apologies from Cllr. Govind, declarations by Col. Martin and Cllr.
    # Sood. Text has no pages.
    assert rows["002.txt"][1:9] == ["-", "10", "3", "1", "0", "14", "1", "2"]
    assert rows["002.txt"][9].isdigit()
    assert rows["002.txt"][10] == "imported"
    assert rows["damaged.pdf"][1:10] == ["-"] * 9
    assert rows["damaged.pdf"][10].startswith("refused: damaged.pdf cannot be read as a PDF")
    assert out.rstrip().endswith("2 file(s): 1 read, 1 refused.")


def test_a_refused_file_writes_nothing_and_a_second_run_changes_nothing(folder):
    run(str(folder))
    rows = record_rows()
    out, _, _ = run(str(folder))
    assert table_rows(out)["002.txt"][1:9] == ["-", "10", "3", "1", "0", "14", "1", "2"]
    assert table_rows(out)["002.txt"][10] == "unchanged"
    assert record_rows() == rows


def test_a_dry_run_of_a_folder_writes_nothing(folder):
    out, _, _ = run(str(folder), "--dry-run")
    assert table_rows(out)["002.txt"][10] == "would import"
    assert Meeting.objects.count() == 0


def test_a_count_short_of_what_the_minutes_hold_shows_both():
    from meetings.importing.load_result import ImportResult
    from meetings.management.commands.import_minutes import Outcome, summary_table

    result = ImportResult(source="x.pdf", tallies=[[("RESOLVED", 7, 6), ("PRESENT names", 9, 9)]])
    out = summary_table([Outcome("x.pdf", pages=3, result=result, anomalies=1, verdict="imported")])
    assert table_rows(out)["x.pdf"][1:9] == ["3", "-", "6/7", "-", "-", "9", "-", "-"]
    assert "A count n/m: only n of the m the minutes hold were imported" in out


def test_a_folder_with_nothing_to_import_is_an_error(tmp_path):
    (tmp_path / "notes.csv").write_text("a,b\n")
    with pytest.raises(CommandError, match="holds no PDF, Word"):
        call_command("import_minutes", str(tmp_path), stdout=io.StringIO())


def test_one_file_alone_prints_no_table_and_no_progress(folder):
    out, err, _ = run(str(folder / "002.txt"))
    assert "Summary:" not in out
    assert not err.startswith("[")
