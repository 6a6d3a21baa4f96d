"""Reading uploaded text and cleaning the noise that PDF conversion leaves in it.

Converted papers carry page footers ("Item 3", "65") on lines of their own, sentences broken in
two by a page break (the second half sometimes with a stray bullet), and emphasis markup
(``<u>``, ``**``). Cleaning keeps every surviving line's number in the original file, so an
error can always name the line a person will find in their editor.
"""

import datetime
import re
from dataclasses import dataclass

from meetings.importing.report import ImportRefused

MAX_UPLOAD_BYTES = 2 * 1024 * 1024

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

MONTH_PATTERN = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
)
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


def read_upload(data, *, name="the file", limit=MAX_UPLOAD_BYTES):
    """The text of an uploaded or named file, or a refusal saying why it cannot be read."""
    if len(data) > limit:
        raise ImportRefused(
            f"{name} is {len(data) / 1024 / 1024:.1f} MB; the importer takes text files up to "
            f"{limit // 1024 // 1024} MB. Convert only the pages with the minutes, or split "
            "the pack into several files."
        )
    if not data.strip():
        raise ImportRefused(f"{name} is empty: choose the text file converted from the minutes.")
    if b"\x00" in data[:65536] or data[:5] == b"%PDF-":
        raise ImportRefused(
            f"{name} is not a text file (it looks like a PDF or another binary format). "
            "Convert the PDF to text first and upload the .txt file."
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ImportRefused(
            f"{name} is not UTF-8 text (byte {error.start} cannot be read). Save it as UTF-8 "
            "text and try again."
        ) from None


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


def parse_date(text):
    """The first date written out in ``text`` ("Friday, 3 February 2017", "20th March 2023")."""
    match = DATE_RE.search(text)
    if not match:
        return None
    day, month, year = re.match(
        r"(\d{1,2})(?:\s*(?:st|nd|rd|th))?\s+(\w+)\s+(\d{4})", match.group(0), re.IGNORECASE
    ).groups()
    try:
        return datetime.date(int(year), MONTHS[month.lower()], int(day))
    except ValueError:
        return None


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
