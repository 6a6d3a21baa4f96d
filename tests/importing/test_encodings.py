"""Text files in the encodings minutes are saved in: UTF-8, UTF-16 and Windows-1252."""

import codecs
import io
import re

import pytest
from django.core.management import call_command

from meetings.importing.report import ImportRefused
from meetings.importing.text import read_upload
from tests.importing import make_panel, make_people_2017, record_rows, seed_text

MINUTES = "Minutes – 3 February 2017\n“Precept” of £1.2m agreed; Ms O’Shea noted it.\r\n"

ENCODED = {
    "UTF-8": lambda text: text.encode("utf-8"),
    "UTF-8 with a byte-order mark": lambda text: codecs.BOM_UTF8 + text.encode("utf-8"),
    "UTF-16 little-endian (Windows 'Unicode')": lambda text: text.encode("utf-16"),
    "UTF-16 big-endian": lambda text: codecs.BOM_UTF16_BE + text.encode("utf-16-be"),
    "UTF-16 without a byte-order mark": lambda text: text.encode("utf-16-le"),
    "UTF-32": lambda text: text.encode("utf-32"),
    "Windows-1252 (Notepad's 'ANSI')": lambda text: text.encode("cp1252"),
}


@pytest.mark.parametrize("encoding", ENCODED)
def test_each_encoding_reads_as_the_same_text(encoding):
    assert read_upload(ENCODED[encoding](MINUTES), name="minutes.txt") == MINUTES


def test_windows_1252_reads_its_pound_sign_and_curly_quotes():
    text = read_upload(b"Budget \xa31.2m, \x93agreed\x94 \x96 Ms O\x92Shea", name="m.txt")
    assert text == "Budget £1.2m, “agreed” – Ms O’Shea"


def test_a_file_mixing_utf8_and_windows_1252_is_refused_at_the_bad_byte():
    data = "Ms O’Shea\nsecond line\n".encode() + b"caf\xe9\n"
    with pytest.raises(ImportRefused) as refused:
        read_upload(data, name="minutes.txt")
    assert refused.value.line == 3
    assert f"byte {data.index(b'\xe9') + 1} of the file (0xE9) cannot be read" in str(refused.value)
    assert "parts of it were saved with different encodings" in str(refused.value)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (bytes(range(256)) * 8, "is neither UTF-8 nor Windows-1252 text: byte 130"),
        (b"minutes\x00\x01\x02 of the meeting", "is not a text file: it holds a NUL character"),
        (b"\x89PNG\r\n\x1a\n" + bytes(64), "is a picture, not a document with text"),
        (b"\xff\xd8\xff\xe0" + bytes(64), "is a picture, not a document with text"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(64), "is an old-style Word (.doc)"),
        (b"{\\rtf1\\ansi Minutes}", "is a Rich Text (.rtf) file"),
        (b"PK\x03\x04" + bytes(64), "is a ZIP archive"),
    ],
)
def test_files_that_are_not_text_are_refused_saying_what_they_are(data, message):
    with pytest.raises(ImportRefused, match=re.escape(message)):
        read_upload(data, name="minutes.txt")


# -- a seed paper, saved in each encoding, imports exactly as the UTF-8 file does --------


def windows_1252_version(text):
    """``text`` as Windows saves it in 1252: characters it cannot hold become "?"."""
    return text.encode("cp1252", errors="replace").decode("cp1252")


def run(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command("import_minutes", *args, stdout=out, stderr=err)
    return out.getvalue()


SAVED = {
    "UTF-16": (lambda text: text, lambda text: text.encode("utf-16")),
    "UTF-8 with a byte-order mark": (
        lambda text: text,
        lambda text: codecs.BOM_UTF8 + text.encode("utf-8"),
    ),
    "Windows-1252": (windows_1252_version, lambda text: text.encode("cp1252")),
}


@pytest.mark.django_db
@pytest.mark.parametrize("saved", SAVED)
def test_a_seed_saved_in_another_encoding_imports_exactly_as_in_utf8(saved, tmp_path):
    make_people_2017(make_panel())
    version, encode = SAVED[saved]
    text = version(seed_text("002"))
    (tmp_path / "utf8").mkdir()
    (tmp_path / "other").mkdir()
    utf8 = tmp_path / "utf8" / "002.txt"
    utf8.write_bytes(text.encode("utf-8"))
    other = tmp_path / "other" / "002.txt"
    other.write_bytes(encode(text))
    assert run(str(other), "--dry-run") == run(str(utf8), "--dry-run")
    run(str(utf8))
    rows = record_rows()
    assert rows["meetings.Meeting"] == 2  # the pack's meeting, and the minutes' of 3 February
    assert run(str(other)).startswith("Nothing changed: everything in 002.txt is already recorded")
    assert record_rows() == rows
