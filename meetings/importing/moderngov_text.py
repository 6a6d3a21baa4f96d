"""ModernGov printed minutes, as text: headings and paragraphs rebuilt from the lines of a PDF.

ModernGov prints each minute as a heading ("80. Provisional Local Government Finance
Settlement", sometimes wrapping, sometimes with no number at all) over the agenda item it
came from ("(Item 5)"), then numbered paragraphs ("1.", "1)", "(1)") with lettered or numbered
sub-paragraphs and bullets. Converted text keeps the words and the line order but not always
the blank lines, so paragraphs are rebuilt from their markers and from short closing lines.
Page numbers (the last line of a page) are dropped; every block keeps the number of its first
line in the file.
"""

import re
from dataclasses import dataclass

AGENDA_ITEM_RE = re.compile(r"^\(\s*Item\s+(?P<number>\d{1,3}[a-z]?)\s*\)$", re.IGNORECASE)
MINUTE_NUMBER = r"\d{1,4}(?:/\d{1,4})?"
NUMBERED_HEADING_RE = re.compile(rf"^(?P<number>{MINUTE_NUMBER})\.?\s+(?P<title>\S.*)$")
NUMBER_ALONE_RE = re.compile(rf"^(?P<number>{MINUTE_NUMBER})\.?$")
MARKER_RE = re.compile(
    r"^(?P<marker>\(\d{1,3}\)|\d{1,3}[.)]|\([a-z]{1,2}\)|[a-z][.)]|\(?[ivx]{1,5}[.)]|[•·▪◦\uf0b7-])"
    r"\s+(?P<text>\S.*)$"
)
VOTE_HEADER_RE = re.compile(
    r"^(?P<side>For|Against|Abstain|Abstained|Abstentions?)\s*[:(]\s*(?P<count>\d{1,3})\s*\)?:?$",
    re.IGNORECASE,
)
OUTCOME_LINE_RE = re.compile(
    r"^(?:The\s+)?(?:(?:Substantive\s+)?Motion|Amendment|Recommendations?|Proposal)(?:\s+\(as amended\))?"
    r"\s+(?:was\s+)?(?P<outcome>carried unanimously|unanimously carried|carried|lost|defeated|"
    r"not carried|fell|withdrawn)\.?$"
    r"|^(?P<agreed>Agreed unanimously|Unanimously agreed|Agreed|Carried|Lost)\.?$",
    re.IGNORECASE,
)
SECTION_LABEL_RE = re.compile(
    r"^(?P<label>PRESENT|ALSO PRESENT|IN ATTENDANCE|ALSO IN ATTENDANCE|APOLOGIES(?: FOR ABSENCE)?"
    r"|ABSENT|SUBSTITUTES?|OFFICERS)\s*[:\-\u2013]\s*(?P<rest>.*)$"
)
PART_LABEL_RE = re.compile(r"^(?P<label>UNRESTRICTED ITEMS|EXEMPT ITEMS|RESTRICTED ITEMS)$")
SENTENCE_END = (".", ":", ";", "!", "?", "\u201d", '"')


@dataclass
class Block:
    """A heading or a paragraph of the minutes, with the line it starts on."""

    kind: str  # "heading", "paragraph", "label", "part"
    line: int
    text: str
    marker: str = ""
    number: str = ""  # a heading's minute number
    agenda_number: str = ""  # a heading's agenda item number

    @property
    def marker_kind(self):
        return marker_kind(self.marker)

    @property
    def marker_value(self):
        return marker_value(self.marker)


def marker_kind(marker):
    if not marker:
        return ""
    if re.match(r"^\(\d+\)$", marker):
        return "(n)"
    if re.match(r"^\d+\)$", marker):
        return "n)"
    if re.match(r"^\d+\.$", marker):
        return "n."
    if re.match(r"^\(?[ivx]+[.)]$", marker) and marker.strip("().") not in ("i", "v", "x"):
        return "roman"
    if re.match(r"^\(?[a-z]{1,2}[.)]$", marker):
        return "letter"
    return "bullet"


def marker_value(marker):
    digits = re.sub(r"\D", "", marker)
    if digits:
        return int(digits)
    letters = marker.strip("().")
    if len(letters) == 1 and letters.isalpha():
        return ord(letters) - ord("a") + 1
    return None


@dataclass
class _Raw:
    number: int
    text: str
    page_end: bool = False
    blank_before: bool = False


def raw_lines(text):
    """The non-blank lines, normalised, with page numbers (a page's last line) dropped."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u00a0", " ").replace("\u200b", "").replace("\ufeff", "")
    pages = [[]]
    blank = False
    for number, raw in enumerate(text.split("\n"), start=1):
        for position, part in enumerate(raw.split("\f")):
            if position:
                pages.append([])
            if position:
                blank = False  # the blank foot of a page does not end a paragraph
            cleaned = " ".join(part.replace("\t", " ").split())
            if not cleaned:
                blank = blank or not position
                continue
            pages[-1].append(_Raw(number, cleaned, blank_before=blank))
            blank = False
    lines = []
    for page in pages:
        while page and PAGE_NUMBER_RE.fullmatch(page[-1].text) and len(pages) > 1:
            page.pop()
        if page:
            page[-1].page_end = True
        lines.extend(page)
    return lines


PAGE_NUMBER_RE = re.compile(r"(?:Page\s+)?\d{1,3}(?:\s+of\s+\d{1,3})?", re.IGNORECASE)


def is_title_like(text):
    """A line that could be (part of) a heading: short, capitalised, not a sentence's end."""
    return (
        len(text) <= 120
        and (text[0].isupper() or text[0].isdigit())
        and not text.endswith((".", ",", ";", ":"))
        and len(text.split()) <= 18
        and not MARKER_RE.match(text)
        and not VOTE_HEADER_RE.match(text)
        and not OUTCOME_LINE_RE.match(text)
        and not SECTION_LABEL_RE.match(text)
        and not re.search(r"\b(?:RESOLVED|AGREED)\b", text)
    )


def _ends_paragraph(raw):
    return raw.text.endswith(SENTENCE_END)


def find_headings(lines):
    """{index of a heading's first line: (last index, number, title, agenda number)}."""
    headings = {}
    taken = set()
    for index, line in enumerate(lines):
        found = AGENDA_ITEM_RE.match(line.text)
        if not found:
            continue
        span = _heading_before(lines, index, taken)
        if span is None:
            continue
        first, number, title = span
        headings[first] = (index, number, title, found.group("number"))
        taken.update(range(first, index + 1))
    return headings


def _heading_before(lines, index, taken):
    """(first index, minute number, title) of the heading above the "(Item N)" at ``index``."""
    end = index - 1
    if end >= 1 and lines[end].text.isdigit() and is_title_like(lines[end - 1].text):
        end -= 1  # a page number between the heading and its "(Item N)"
    return _numbered_heading(lines, end, taken) or _unnumbered_heading(lines, end, taken)


def _numbered_heading(lines, end, taken):
    """A numbered heading ending at ``end``, perhaps wrapped over a few lines."""
    for start in range(end, max(end - 4, -1), -1):
        if start in taken:
            return None
        text = lines[start].text
        title = " ".join(lines[k].text for k in range(start + 1, end + 1))
        alone = NUMBER_ALONE_RE.match(text)
        if alone and start < end:
            return start, alone.group("number"), title
        numbered = NUMBERED_HEADING_RE.match(text)
        if numbered and _opens_heading(numbered, start < end, text):
            return start, numbered.group("number"), f"{numbered.group('title')} {title}".strip()
        if start < end and _ends_paragraph(lines[start]):
            return None
    return None


def _opens_heading(numbered, wraps, text):
    """Whether "N. Title" is a minute's heading rather than a numbered paragraph."""
    if not numbered.group("title")[:1].isupper():
        return False
    if not MARKER_RE.match(text):
        return True  # "18/20 Apologies", "1024. Apologies"
    number = int(numbered.group("number").split("/")[0])
    return (number >= 10 and wraps) or _title_only(numbered.group("title"))


def _unnumbered_heading(lines, end, taken):
    """One or two title-like lines ending at ``end``, perhaps under a number alone."""
    if end < 0 or end in taken or not is_title_like(lines[end].text):
        return None
    start = end
    before = end - 1
    if (
        _free(lines, before, taken)
        and is_title_like(lines[before].text)
        and _opens(lines, before, taken)
        and not lines[end].blank_before
    ):
        start = before
    number_line = start - 1
    if (
        _free(lines, number_line, taken)
        and NUMBER_ALONE_RE.match(lines[number_line].text)
        and _opens(lines, number_line, taken)
        and not lines[number_line].page_end
    ):
        number = NUMBER_ALONE_RE.match(lines[number_line].text).group("number")
        return number_line, number, " ".join(lines[k].text for k in range(start, end + 1))
    return start, "", " ".join(lines[k].text for k in range(start, end + 1))


def _free(lines, index, taken):
    return 0 <= index < len(lines) and index not in taken


def _opens(lines, index, taken):
    """Whether the line at ``index`` starts something: the line before it ends a paragraph."""
    return index == 0 or index - 1 in taken or _ends_paragraph(lines[index - 1])


def _title_only(title):
    return len(title) <= 90 and not title.endswith(".") and ". " not in title


def blocks(text):
    """The headings and paragraphs of ``text``, in order."""
    lines = raw_lines(text)
    headings = find_headings(lines)
    paragraph_breaks = sum(1 for line in lines if line.blank_before) > len(lines) // 10
    width = sorted(len(line.text) for line in lines)[int(len(lines) * 0.9)] if lines else 80
    found = []
    current = None
    index = 0
    while index < len(lines):
        line = lines[index]
        if index in headings:
            last, number, title, agenda_number = headings[index]
            found.append(
                Block("heading", line.number, title, number=number, agenda_number=agenda_number)
            )
            current = None
            index = last + 1
            continue
        index += 1
        text = line.text
        if text.isdigit() and len(text) <= 3:
            continue  # a page number
        starts = starts_block(text)
        if starts is not None:
            current = Block(starts[0], line.number, starts[2], marker=starts[1])
            found.append(current)
            if starts[0] in ("part", "vote", "outcome"):
                current = None
            continue
        broken = paragraph_breaks and line.blank_before and not text[0].islower()
        if current is None or broken:
            current = Block("paragraph", line.number, text)
            found.append(current)
        else:
            current.text = _join(current.text, text)
        if text.endswith(SENTENCE_END) and len(text) < 0.8 * width:
            current = None
    return found


def starts_block(text):
    """(kind, marker, text) when ``text`` opens a block of its own, else None."""
    if PART_LABEL_RE.match(text):
        return "part", "", text
    if VOTE_HEADER_RE.match(text):
        return "vote", "", text
    if OUTCOME_LINE_RE.match(text):
        return "outcome", "", text
    label = SECTION_LABEL_RE.match(text)
    if label:
        return "label", label.group("label"), label.group("rest")
    marked = MARKER_RE.match(text)
    if marked:
        return "paragraph", marked.group("marker"), marked.group("text")
    return None


def _join(before, after):
    if re.search(r"[A-Za-z]-$", before) and after[:1].isalpha():
        return before + after  # "Barrington-" / "King"
    return f"{before} {after}"
