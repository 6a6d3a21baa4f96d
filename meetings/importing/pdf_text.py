"""The text of a PDF, one line per printed line, in the order a person reads it.

PDFium (through pypdfium2) gives every character with its position. Characters are gathered
into runs (pieces of one printed line as the file stores them), runs into lines by their
baseline, lines into pages from top to bottom. Going by position rather than by the order
inside the file keeps a minute number printed in the left margin on the line of its heading
("288. Minutes of the meetings held on ..."), and puts a page number drawn first back at the
foot of its page. Then:

- a header or footer repeated on the pages (same words, digits aside, at the same height, at
  the top or foot of the page) is dropped, so "Page 3 of 9" or a running title does not land
  in the middle of a paragraph that continues over the page;
- a wider gap between two lines than the page's usual line spacing becomes one blank line
  (a paragraph break); a page break adds nothing, so a sentence cut by it stays whole;
- a hyphen that ends a line is kept as printed ("Barrington-" / "King"): only the reader
  knows whether it joins a name or breaks a word.

PDFium is not safe to call from two threads at once, so one lock guards every call.
"""

import ctypes
import itertools
import math
import re
import threading
from collections import Counter
from dataclasses import dataclass, field

import pypdfium2
import pypdfium2.raw as pdfium_c

from meetings.importing.report import ImportRefused

PDFIUM_LOCK = threading.Lock()
# A run ends where the next character sits this far (in line heights) above or below it.
SAME_LINE = 0.45
# Parts of one line further apart than this (in line heights) are joined by a space...
WORD_GAP = 0.12
# ... and further apart than this, by a tab (cells of a table), unless the first part is a
# number or bullet ("12.", "(b)", "•") that the text it numbers follows on one line.
CELL_GAP = 1.5
LABEL_RE = re.compile(r"^(?:\(?(?:\d{1,3}(?:/\d{1,3})?|[a-z]|[ivx]{1,5})[.)]?|[•·▪◦\-–*])$", re.I)
# Characters turned further than this (in radians) from upright are not read.
UPRIGHT = 0.05
# A gap between lines this many times the page's usual spacing is a paragraph break.
PARAGRAPH_GAP = 1.45
# Lines of one paragraph are printed at most this many line heights (a font's full height,
# ascender to descender) apart.
LEADING = 1.2
# Lines this close to the top or foot of their page may be headers or footers.
EDGE_LINES = 3
LIGATURES = str.maketrans(
    {"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl"}
)
BLANKS = str.maketrans({"\u00a0": " ", "\u2002": " ", "\u2003": " ", "\u2009": " "})
DIGITS_RE = re.compile(r"\d+")
# Characters PDFium reports for a hyphen at the end of a line, and for no character at all.
HYPHEN = "\x02"
UNMAPPED = ("\ufffd", "\x00")


@dataclass(slots=True)
class Run:
    """Characters printed one after another on one line, as the file stores them."""

    text: list[str] = field(default_factory=list)
    left: float = float("inf")
    right: float = float("-inf")
    baseline: float = 0.0
    size: float = 0.0


@dataclass(slots=True)
class PrintedLine:
    """One printed line of a page: its text and where it sits (PDF units, y upwards)."""

    text: str
    baseline: float
    size: float


def pdf_to_text(data, *, name="the file"):
    """The text of the PDF ``data``; a refusal saying what is wrong when it has none to read."""
    return "".join(pdf_pages_text(data, name=name))


def pdf_pages_text(data, *, name="the file"):
    """The text of each page of the PDF ``data`` (each ending in a line break; "" for a page
    with no text), joined as ``pdf_to_text`` joins them."""
    with PDFIUM_LOCK:
        pages = _read_pages(data, name=name)
    pages = _drop_headers_and_footers(pages)
    usual = _usual_gap(pages)
    return [_page_text(lines, usual) + "\n" if lines else "" for lines in pages]


def _open(data, *, name):
    try:
        return pypdfium2.PdfDocument(bytes(data))
    except pypdfium2.PdfiumError as error:
        if error.err_code in (pdfium_c.FPDF_ERR_PASSWORD, pdfium_c.FPDF_ERR_SECURITY):
            raise ImportRefused(
                f"{name} is protected by a password, so its text cannot be read. Open it "
                "with the password and save (or print to PDF) a copy without one, then "
                "import that."
            ) from None
        raise ImportRefused(
            f"{name} cannot be read as a PDF: the file is damaged or incomplete. Download "
            "or export it again (or open it and save it as a new PDF), then import that."
        ) from None


def _read_pages(data, *, name):
    document = _open(data, name=name)
    try:
        if len(document) == 0:
            raise ImportRefused(
                f"{name} is a PDF with no pages. Export the minutes to PDF again and import that."
            )
        pages, unmapped, total = [], 0, 0
        for index in range(len(document)):
            page = document[index]
            textpage = page.get_textpage()
            runs, page_unmapped, page_total = _runs(textpage)
            unmapped, total = unmapped + page_unmapped, total + page_total
            pages.append(_lines(runs))
            textpage.close()
            page.close()
        if not any(pages):
            _refuse_textless(document, name=name)
    finally:
        document.close()
    if total and unmapped > total / 5:
        raise ImportRefused(
            f"{name} has a text layer that cannot be read: its fonts do not say which letter "
            f"each character is ({unmapped} of {total} characters unknown). Run OCR on it "
            "(or export the PDF again from the original document), then import that."
        )
    return pages


def _refuse_textless(document, *, name):
    pictures = any(
        any(document[index].get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_IMAGE,)))
        for index in range(len(document))
    )
    if pictures:
        raise ImportRefused(
            f"{name} has no text layer: it is a scan (pictures of the pages). Run OCR on it "
            "first (scanner software and Adobe Acrobat can: 'Recognise text'), save the "
            "result as a PDF with text, and import that."
        )
    raise ImportRefused(
        f"{name} holds no text: its pages are blank. Check that this is the right file, "
        "export the minutes to PDF again, and import that."
    )


def _runs(textpage):
    """The page's runs, and how many of its characters have no known letter, of how many."""
    runs, run = [], Run()
    unmapped = total = 0
    place, spaced = _Place(), False
    for index in range(pdfium_c.FPDFText_CountChars(textpage)):
        character = chr(pdfium_c.FPDFText_GetUnicode(textpage, index))
        if character in "\r\n":
            run = _close(run, runs)
            continue
        if character.isspace():
            if run.text and run.text[-1] != " ":
                run.text.append(" ")
            # A space the file prints (not one PDFium adds for a gap) joins words, not cells.
            spaced = spaced or pdfium_c.FPDFText_IsGenerated(textpage, index) != 1
            continue
        total += 1
        if character in UNMAPPED or pdfium_c.FPDFText_HasUnicodeMapError(textpage, index) == 1:
            unmapped += 1
        if not place.read(textpage, index):
            continue  # turned on its side (a watermark, a margin note): not a line of text
        if run.text and place.leaves(run, spaced=spaced):
            run = _close(run, runs)
        spaced = False
        if not run.text:
            run.baseline, run.size = place.y.value, place.size
        run.text.append("-" if character == HYPHEN else character)
        run.left, run.right = min(run.left, place.left.value), max(run.right, place.right.value)
        run.size = max(run.size, place.size)
    _close(run, runs)
    return runs, unmapped, total


class _Place:
    """Where one character is printed, read from PDFium into buffers used again and again."""

    def __init__(self):
        self.left, self.right, self.bottom, self.top = (ctypes.c_double() for _ in range(4))
        self.x, self.y = ctypes.c_double(), ctypes.c_double()
        self.loose = pdfium_c.FS_RECTF()  # the font's full height, as the page is scaled
        self.size = 0.0

    def read(self, textpage, index):
        """Read character ``index``'s place; False if it is not printed upright."""
        angle = pdfium_c.FPDFText_GetCharAngle(textpage, index)
        if UPRIGHT < angle < 2 * math.pi - UPRIGHT:
            return False
        pdfium_c.FPDFText_GetCharOrigin(textpage, index, self.x, self.y)
        pdfium_c.FPDFText_GetCharBox(textpage, index, self.left, self.right, self.bottom, self.top)
        pdfium_c.FPDFText_GetLooseCharBox(textpage, index, self.loose)
        self.size = (self.loose.top - self.loose.bottom) or (self.top.value - self.bottom.value)
        return True

    def leaves(self, run, *, spaced):
        """Whether this character starts a new run: on another line, back to the left, or
        across a gap as wide as a table's between its cells (a justified line's wide spaces
        are printed spaces, ``spaced``)."""
        size = max(self.size, run.size)
        return (
            abs(self.y.value - run.baseline) > SAME_LINE * size
            or self.left.value < run.right - size
            or (not spaced and self.left.value > run.right + CELL_GAP * size)
        )


def _close(run, runs):
    """Keep ``run`` if it printed anything; a new, empty run to carry on with."""
    if "".join(run.text).strip():
        runs.append(run)
    return Run()


def _lines(runs):
    """The page's printed lines from top to bottom, each run placed by its position."""
    lines = []
    for run in sorted(runs, key=lambda run: -run.baseline):
        if lines and abs(lines[-1][0].baseline - run.baseline) <= SAME_LINE * max(
            lines[-1][0].size, run.size
        ):
            lines[-1].append(run)
        else:
            lines.append([run])
    return [_join(parts) for parts in lines]


def _join(parts):
    """One printed line from its runs, left to right: a space where they stand a word apart,
    a tab where they stand as far apart as the cells of a table."""
    parts = sorted(parts, key=lambda run: run.left)
    text = ""
    for previous, run in zip([None, *parts], parts, strict=False):
        piece = "".join(run.text).strip()
        gap = run.left - previous.right if previous is not None else 0
        if gap > CELL_GAP * run.size and not LABEL_RE.match(text.rsplit("\t", 1)[-1]):
            text += "\t"
        elif gap > WORD_GAP * run.size:
            text += " "
        text += piece
    main = max(parts, key=lambda run: len(run.text))
    clean = text.translate(LIGATURES).translate(BLANKS)
    return PrintedLine(re.sub(r" {2,}", " ", clean).strip(), main.baseline, main.size)


def _drop_headers_and_footers(pages):
    """``pages`` without the lines printed at the top or foot of many pages alike."""
    if len(pages) < 2:
        return pages
    places = {}  # (words with digits masked, which edge) -> baseline on each page
    for lines in pages:
        for edge, line in _edges(lines):
            places.setdefault((_masked(line), edge), []).append(line.baseline)
    needed = max(2, len(pages) * 0.4)
    repeated = {
        (key, round(baseline))
        for key, baselines in places.items()
        for baseline in baselines
        if sum(abs(baseline - other) <= 2 for other in baselines) >= needed
    }
    return [
        [
            line
            for edge, line in _edges(lines, every=True)
            if edge is None or ((_masked(line), edge), round(line.baseline)) not in repeated
        ]
        for lines in pages
    ]


def _edges(lines, *, every=False):
    """(edge, line) for the lines that may be a header ("top") or footer ("foot"); with
    ``every``, all lines, None as the edge of those in the body of the page."""
    for position, line in enumerate(lines):
        if position < EDGE_LINES:
            yield "top", line
        elif position >= len(lines) - EDGE_LINES:
            yield "foot", line
        elif every:
            yield None, line


def _masked(line):
    return DIGITS_RE.sub("#", line.text.casefold())


def _page_text(lines, usual):
    """A page's lines as text, a blank line where the gap above a line is wider than usual."""
    text = [lines[0].text]
    for above, line in itertools.pairwise(lines):
        if above.baseline - line.baseline > PARAGRAPH_GAP * usual:
            text.append("")
        text.append(line.text)
    return "\n".join(text)


def _usual_gap(pages):
    """The distance between the baselines of two lines of one paragraph.

    The commonest distance between lines that follow each other, but no more than
    ``LEADING`` times the commonest line height: in minutes where every paragraph is one line,
    the commonest distance is the gap between paragraphs, which must still show.
    """
    pairs = [pair for lines in pages for pair in itertools.pairwise(lines)]
    gaps = Counter(round(above.baseline - line.baseline, 1) for above, line in pairs)
    sizes = Counter(round(line.size, 1) for lines in pages for line in lines)
    if not gaps:
        return float("inf")
    return min(gaps.most_common(1)[0][0], LEADING * sizes.most_common(1)[0][0])


def page_count(data):
    """How many pages the PDF ``data`` has; None when it is not a PDF that can be opened."""
    if data[:5] != b"%PDF-":
        return None
    with PDFIUM_LOCK:
        try:
            document = pypdfium2.PdfDocument(bytes(data))
        except pypdfium2.PdfiumError:
            return None
        try:
            return len(document)
        finally:
            document.close()
