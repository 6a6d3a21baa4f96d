"""The text of a Word document (.docx): paragraphs and tables in the order they are written.

Word does not store the numbers of a numbered list ("12.", "(b)") in the text: it counts them
when it shows the page. They are counted again here from the list definitions, so a numbered
minute heading reads "12. Minutes of the meeting held on ..." as it does in the PDF. A table
becomes one line per row, its cells separated by a tab, as text converted from a PDF has them.
Page headers and footers are not part of the body, so they never reach the text.
"""

import io
import zipfile

from meetings.importing.report import ImportRefused

WORD_NAMESPACE = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
ROMAN = (
    (1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"),
    (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"),
)  # fmt: skip


def is_docx(data):
    """Whether ``data`` is a Word document: a ZIP archive holding ``word/document.xml``."""
    if not data.startswith(b"PK\x03\x04"):
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "word/document.xml" in archive.namelist()
    except zipfile.BadZipFile:
        return False


def docx_to_text(data, *, name="the file"):
    """The text of the Word document ``data``, one line per paragraph or table row."""
    import docx  # python-docx: imported on first use, as only a Word upload needs it
    from docx.table import Table

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception:  # python-docx raises whatever the ZIP or XML reader raised
        raise ImportRefused(
            f"{name} cannot be read as a Word document: the file is damaged or incomplete. "
            "Open it in Word and save it again as .docx (or as PDF), then import that."
        ) from None
    numbering = ListNumbering(document)
    lines = []
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            lines += _table_lines(block)
        else:
            text = block.text.strip()
            label = numbering.label(block)
            lines.append(f"{label} {text}".strip() if label and text else text)
    return "\n".join(lines) + "\n"


def _table_lines(table):
    lines = []
    for row in table.rows:
        cells, seen = [], set()
        for cell in row.cells:
            if id(cell._tc) in seen:  # a merged cell is returned once for each column it spans
                continue
            seen.add(id(cell._tc))
            cells.append(" ".join(cell.text.split()))
        if any(cells):
            lines.append("\t".join(cells))
    return lines


class ListNumbering:
    """Counts the items of the document's numbered lists as Word shows them."""

    def __init__(self, document):
        self.formats = {}  # (list id, level) -> (number format, label pattern, start)
        self.counters = {}  # list id -> {level: count}
        part = document.part
        try:
            root = part.numbering_part.element
        except (KeyError, NotImplementedError):
            return  # no numbered lists in the document
        abstract = {node.get(_w("abstractNumId")): node for node in root.iter(_w("abstractNum"))}
        for number in root.iter(_w("num")):
            definition = abstract.get(_child_value(number, "abstractNumId"))
            if definition is None:
                continue
            for level in definition.iter(_w("lvl")):
                self.formats[(number.get(_w("numId")), level.get(_w("ilvl")))] = (
                    _child_value(level, "numFmt") or "decimal",
                    _child_value(level, "lvlText") or "",
                    int(_child_value(level, "start") or 1),
                )

    def label(self, paragraph):
        """The number Word shows before ``paragraph`` ("3.", "(b)"), or "" if it has none."""
        list_id, level = _list_of(paragraph)
        if list_id is None or (list_id, level) not in self.formats:
            return ""
        counts = self.counters.setdefault(list_id, {})
        number_format, pattern, start = self.formats[(list_id, level)]
        counts[level] = counts.get(level, start - 1) + 1
        for deeper in [other for other in counts if int(other) > int(level)]:
            del counts[deeper]  # a higher level starts its sub-list again
        if number_format in ("bullet", "none"):
            return "\u2022" if number_format == "bullet" else ""  # as a PDF prints a bullet
        label = pattern
        for shown in range(int(level) + 1):
            key = (list_id, str(shown))
            shown_format, _, shown_start = self.formats.get(key, ("decimal", "", 1))
            value = counts.get(str(shown), shown_start)
            label = label.replace(f"%{shown + 1}", _formatted(value, shown_format))
        return label.strip()


def _list_of(paragraph):
    """The list (id, level) ``paragraph`` belongs to, directly or through its style."""
    for holder in (paragraph._p.pPr, getattr(paragraph.style, "element", None)):
        properties = holder if holder is None or holder.tag == _w("pPr") else holder.pPr
        numbered = properties.numPr if properties is not None else None
        if numbered is not None and numbered.numId is not None:
            level = numbered.ilvl.val if numbered.ilvl is not None else 0
            return str(numbered.numId.val), str(level)
    return None, None


def _formatted(value, number_format):
    if number_format == "lowerLetter":
        return _letters(value)
    if number_format == "upperLetter":
        return _letters(value).upper()
    if number_format == "lowerRoman":
        return _roman(value)
    if number_format == "upperRoman":
        return _roman(value).upper()
    return str(value)


def _letters(value):
    # Word counts a, b, ... z, then aa, bb, ... (the letter repeated), not aa, ab.
    return chr(ord("a") + (value - 1) % 26) * ((value - 1) // 26 + 1)


def _roman(value):
    text = ""
    for amount, numeral in ROMAN:
        count, value = divmod(value, amount)
        text += numeral * count
    return text


def _w(tag):
    return f"{{{WORD_NAMESPACE}}}{tag}"


def _child_value(node, tag):
    child = node.find(_w(tag))
    return child.get(_w("val")) if child is not None else None
