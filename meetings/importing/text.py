"""Reading uploads (PDF, Word, text) and cleaning the noise that PDF conversion leaves in it.

Converted papers carry page footers ("Item 3", "65") on lines of their own, sentences broken in
two by a page break (the second half sometimes with a stray bullet), and emphasis markup
(``<u>``, ``**``). Cleaning keeps every surviving line's number in the original file, so an
error can always name the line a person will find in their editor.
"""

import bisect
import calendar
import datetime
import itertools
import re
from dataclasses import dataclass

from django.db.backends.base.operations import BaseDatabaseOperations

from meetings.importing.decoding import decode_text, line_at
from meetings.importing.docx_text import docx_to_text, is_docx
from meetings.importing.pdf_text import pdf_pages_text
from meetings.importing.report import ImportRefused

MAX_UPLOAD_BYTES = 2 * 1024 * 1024  # text
MAX_DOCUMENT_BYTES = 20 * 1024 * 1024  # PDF and Word: a long meeting's minutes, with pictures

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sept", "sep"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)  # fmt: skip
MONTH_PATTERN = rf"(?:{'|'.join(MONTH_NAMES)})"
DATE_PATTERN = rf"\d{{1,2}}(?:\s*(?:st|nd|rd|th))?\s+{MONTH_PATTERN}\s+\d{{4}}"
DATE_RE = re.compile(DATE_PATTERN, re.IGNORECASE)
TIME_PATTERN = r"\d{1,2}(?:[.:]\d{2})?\s*(?:am|pm|a\.m\.|p\.m\.)"
TIME_RE = re.compile(TIME_PATTERN, re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Line:
    """One non-blank line of the cleaned text, with its number in the original file."""

    number: int
    text: str
    raw: str


def read_upload(data, *, name="the file", limit=None):
    """The text of an uploaded or named file, or a refusal saying why it cannot be read.

    A PDF (by its first bytes, ``%PDF``) is read with ``pdf_to_text``, a Word document with
    ``docx_to_text``, anything else as text with ``decode_text`` (UTF-8, UTF-16 or
    Windows-1252). The text is then checked with ``check_text`` (which ``parse_document`` also
    applies to text given directly).
    """
    return read_document(data, name=name, limit=limit)[0]


def read_document(data, *, name="the file", limit=None):
    """``read_upload``'s text, and for a PDF the number of the first line of each page
    (so that a line named in a refusal can be found in the PDF); None for other files."""
    kind = "PDF" if data[:5] == b"%PDF-" else "Word" if is_docx(data) else "text"
    limit = limit or (MAX_UPLOAD_BYTES if kind == "text" else MAX_DOCUMENT_BYTES)
    if len(data) > limit:
        raise ImportRefused(
            f"{name} is {len(data) / 1024 / 1024:.1f} MB; the importer takes {kind} files up to "
            f"{limit // 1024 // 1024} MB. Keep only the pages with the minutes, or split "
            "the pack into several files."
        )
    if kind == "PDF":
        pages = pdf_pages_text(data, name=name)
        starts = list(itertools.accumulate((page.count("\n") for page in pages[:-1]), initial=1))
        return check_text("".join(pages), name=name), starts
    if kind == "Word":
        return check_text(docx_to_text(data, name=name), name=name), None
    for signature, problem in OTHER_FORMATS:
        if data.startswith(signature):
            raise ImportRefused(f"{name} {problem}")
    return check_text(decode_text(data, name=name), name=name), None


def page_of_line(line, page_starts):
    """The page on which line ``line`` of a PDF's text is printed, from ``read_document``'s
    first lines of its pages; None when there is no line or no PDF."""
    if not line or not page_starts:
        return None
    return bisect.bisect_right(page_starts, line)


SAVE_AS = "Save it as PDF, Word (.docx) or plain text, and import that."
# How a person corrects a line when the document is a PDF (the importer reads it, not edits it).
FOR_A_PDF = "(for a PDF or Word document, save it as text and correct it there)"
SCAN = "If it is a scan of the minutes, run OCR on it and import the PDF with text it makes."
OTHER_FORMATS = (
    (b"\xd0\xcf\x11\xe0", f"is an old-style Word (.doc) or Office file. {SAVE_AS}"),
    (b"{\\rtf", f"is a Rich Text (.rtf) file. {SAVE_AS}"),
    (b"PK\x03\x04", f"is a ZIP archive (or an Office file other than Word). {SAVE_AS}"),
    *(
        (signature, f"is a picture, not a document with text. {SCAN}")
        for signature in (b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"II*\x00", b"MM\x00*")
    ),
)


# Characters no converted paper contains: control codes other than tab, line and page breaks
# (NUL, which PostgreSQL refuses in text, among them), and halves of surrogate pairs.
FORBIDDEN_RE = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
BLANK_CHARACTERS = "\u00a0\u200b\ufeff"


def check_text(text, *, name="the file"):
    """``text`` if an import can read it; else a refusal naming the line that is wrong."""
    if not text.strip(BLANK_CHARACTERS + " \t\n\r\x0b\x0c"):
        raise ImportRefused(
            f"{name} is empty"
            + (" (it holds only spaces and blank lines)" if text else "")
            + ": choose the file of the minutes or the agenda pack (PDF, Word or text)."
        )
    found = FORBIDDEN_RE.search(text)
    if found:
        character = found.group(0)
        code = f"U+{ord(character):04X}"
        if character == "\x00":
            problem = (
                f"is not a text file: it holds a NUL character ({code}), as pictures and "
                "program files do. Choose the minutes as PDF, Word (.docx) or text."
            )
        else:
            problem = (
                f"holds the control character {code}, which converted text never contains: "
                "the file is damaged or was converted with the wrong encoding. Save it as UTF-8 "
                "text again (or import the PDF or Word document itself), or delete the "
                "character, and try again."
            )
        raise ImportRefused(f"{name} {problem}", line=line_at(text, found.start()))
    return text


MARKUP_RE = re.compile(r"</?u>|</?a\b[^>]*>|\*\*|</?b>|</?i>", re.IGNORECASE)
EMPHASIS_RE = re.compile(r"(?<![\w*])\*(\w[^*\n]*?\w|\w)\*(?![\w*])")
HEADING_MARK_RE = re.compile(r"^#{1,6}\s+")
FOOTER_RE = re.compile(
    r"""^(?:
        \d{1,3}                      # a page number
        | \d{1,2}\.\d{1,2}           # "6.4"
        | (?:agenda\s+)?item\s+\d+[a-z]?   # "Item 3" printed at the foot of each page
        | page\s+\d+(?:\s+of\s+\d+)?
        | [^\w\s]                    # a stray symbol
        | [^\x00-\x7f]               # a stray non-ASCII letter from a page decoration
    )$""",
    re.IGNORECASE | re.VERBOSE,
)
LIST_MARKER_RE = re.compile(r"^\(?(?:[a-z]|[ivx]{1,4})[.)]\s")
SENTENCE_END = (".", ":", ";", "!", "?", '"', "”", "'", "\u2019", ")", "]", "-", "\u2013")


def strip_markup(text):
    text = MARKUP_RE.sub("", text)
    text = EMPHASIS_RE.sub(r"\1", text)
    return HEADING_MARK_RE.sub("", text)


def clean_lines(text):
    """Cleaned, non-blank lines: markup removed, footers dropped, broken sentences rejoined."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u00a0", " ").replace("\u200b", "").replace("\ufeff", "")
    lines = []
    for number, raw in enumerate(text.split("\n"), start=1):
        cleaned = re.sub(r" {2,}", " ", strip_markup(raw))
        cleaned = re.sub(r" *\t[ \t]*", "\t", cleaned).strip()
        if not cleaned or FOOTER_RE.match(cleaned):
            continue
        if lines and _continues(lines[-1].text, cleaned):
            previous = lines[-1]
            continuation = re.sub(r"^[-•·▪◦]\s+", "", cleaned)
            lines[-1] = Line(
                previous.number, f"{previous.text} {continuation}", f"{previous.raw}\n{raw}"
            )
            continue
        lines.append(Line(number, cleaned, raw))
    return lines


def _continues(previous, line):
    """Whether ``line`` is the second half of a sentence a page break cut in two."""
    if previous.endswith(SENTENCE_END) or "\t" in previous:
        return False
    body = re.sub(r"^[-•·▪◦]\s+", "", line)
    if LIST_MARKER_RE.match(body):
        return False  # "b. OPCC to ..." opens the next entry of a lettered list
    return bool(body) and body[0].islower()


def parse_date(text, *, line=None):
    """The first date written out in ``text`` ("Friday, 3 February 2017", "20th March 2023").

    None when ``text`` writes no date; a refusal naming ``line`` when it writes one that is not
    in the calendar ("31 February 2023"), since guessing which day was meant could file a
    meeting under the wrong date. Every date the importer reads is read here.
    """
    match = DATE_RE.search(text)
    if not match:
        return None
    day, month, year = (
        int(part) if part.isdigit() else MONTHS[part.lower()]
        for part in DATE_PARTS_RE.match(match.group(0)).groups()
    )
    if year < datetime.MINYEAR:
        problem = "there was no year 0"
    elif day == 0:
        problem = "the days of a month are counted from 1"
    elif day > calendar.monthrange(year, month)[1]:
        problem = f"{MONTH_NAMES[month - 1]} {year} has {calendar.monthrange(year, month)[1]} days"
    else:
        return datetime.date(year, month, day)
    written = " ".join(match.group(0).split())
    raise ImportRefused(
        f"\u201c{written}\u201d is not a date ({problem}). Correct the date in the document "
        f"{FOR_A_PDF}, then import again.",
        line=line,
    )


DATE_PARTS_RE = re.compile(r"(\d{1,2})(?:\s*(?:st|nd|rd|th))?\s+(\w+)\s+(\d{4})", re.IGNORECASE)
# The smallest column the importer writes a number read from the text into is a
# PositiveSmallIntegerField. PostgreSQL refuses more than this; SQLite would store it, so the
# limit is checked here, the same on both.
LARGEST_COUNT = BaseDatabaseOperations.integer_field_ranges["PositiveSmallIntegerField"][1]


def parse_count(digits, *, line, what):
    """The number written as ``digits`` (a vote count, a page number), or a refusal naming the
    line when it is larger than the record can hold."""
    if len(digits) > len(str(LARGEST_COUNT)) or int(digits) > LARGEST_COUNT:
        shown = digits if len(digits) <= 12 else f"{digits[:12]}\u2026 ({len(digits)} digits)"
        raise ImportRefused(
            f"{what} is given as {shown}, more than the {LARGEST_COUNT} the record can hold. "
            "Digits run together, or a line joined to the next? Correct the number in the "
            f"document {FOR_A_PDF}, then import again.",
            line=line,
        )
    return int(digits)


def clip(text, length=70):
    """``text`` on one line, cut to ``length`` characters for quoting in a message."""
    text = " ".join(text.split())
    return text if len(text) <= length else f"{text[: length - 1]}\u2026"


def stated_weekday(text):
    lowered = text.lower()
    for index, day in enumerate(WEEKDAYS):
        if re.search(rf"\b{day}\b", lowered):
            return index
    return None


def parse_time(text):
    """A clock time written "1:00 pm", "1.46pm", "10.30 a.m." or "14:00", or None."""
    match = re.search(r"(\d{1,2})(?:[.:](\d{2}))?\s*(am|pm|a\.m\.|p\.m\.)", text, re.IGNORECASE)
    if match:
        hour, minute, meridiem = match.groups()
        return _clock(int(hour), int(minute or 0), meridiem)
    match = re.search(r"\b(\d{1,2})[.:](\d{2})\b", text)
    if match:
        return _clock(int(match.group(1)), int(match.group(2)), None)
    return None


def _clock(hour, minute, meridiem):
    if meridiem:
        meridiem = meridiem.lower().replace(".", "")
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if meridiem == "pm" else 0)
    if hour > 23 or minute > 59:
        return None
    return datetime.time(hour, minute)


SMALL_WORDS = {
    "a", "an", "and", "as", "at", "by", "for", "from", "in", "into", "of", "on", "or", "the",
    "to", "with", "vs", "per",
}  # fmt: skip
ACRONYMS = {
    "AGM", "AOB", "CC", "CEO", "CFO", "CGB", "CPS", "CSP", "DA", "HMIC", "HMICFRS", "ICT",
    "LCJB", "LLR", "MSHT", "MTFP", "MTFS", "NHS", "OPCC", "PCC", "PCP", "PEEL", "POCA", "UK",
    "VAWG", "II", "III", "IV",
}  # fmt: skip


def display_title(text):
    """A heading printed in capitals, in title case a reader can scan ("LLR Police and ...")."""
    text = text.strip().rstrip(":").strip()
    if any(ch.islower() for ch in text):
        return text.rstrip(".").strip()
    words = []
    for index, word in enumerate(text.split(" ")):
        core = re.sub(r"[^\w']", "", word)
        bare = re.sub(r"'S$", "", core)
        if bare in ACRONYMS or any(ch.isdigit() for ch in word):
            words.append(re.sub(r"(['\u2019])S\b", r"\1s", word))
        elif index and core.lower() in SMALL_WORDS:
            words.append(word.lower())
        else:
            words.append(_capitalise(word))
    return " ".join(words)


def _capitalise(word):
    word = re.sub(r"[A-Za-z]+", lambda m: m.group(0)[0].upper() + m.group(0)[1:].lower(), word)
    return re.sub(r"(['\u2019])S\b", r"\1s", word)


LIST_LINE_RE = re.compile(r"^(?:[-•·▪◦*]|\(?[a-z0-9]{1,3}[.)])\s")


def reflow_paragraphs(text):
    """Text with a paper's line breaks inside paragraphs removed: lines of one paragraph
    joined with spaces, blank lines kept as paragraph breaks, and list entries ("- ...",
    "(a) ...", "2. ...") kept on lines of their own."""
    paragraphs = []
    for block in re.split(r"\n\s*\n", text.replace("\r\n", "\n").strip()):
        lines = [line.strip() for line in block.split("\n") if line.strip()]
        joined = []
        for line in lines:
            if joined and not LIST_LINE_RE.match(line):
                joined[-1] = f"{joined[-1]} {line}"
            else:
                joined.append(line)
        if joined:
            paragraphs.append("\n".join(joined))
    return "\n\n".join(paragraphs)
