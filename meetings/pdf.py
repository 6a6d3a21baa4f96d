"""Minutes as a PDF, written directly: no dependency.

Helvetica and Helvetica-Bold are among the standard fonts every PDF reader provides, so no
font is embedded and text is encoded as WinAnsi (Windows-1252). Lines are wrapped using the
fonts' character widths. The document is built from the same context as the minutes page,
so it holds exactly what that visitor may read.
"""

import textwrap
from dataclasses import dataclass

from django.utils import timezone
from django.utils.dateformat import format as date_format

from meetings.wording import and_join

PAGE_WIDTH, PAGE_HEIGHT = 595.28, 841.89  # A4, in points
MARGIN = 56.7  # 2 cm
TEXT_WIDTH = PAGE_WIDTH - 2 * MARGIN
FOOTER_Y = 30

# Advance widths (thousandths of the font size) of the printable ASCII characters, from the
# fonts' Adobe metrics: characters 32 to 126 in order.
_REGULAR = (
    "278 278 355 556 556 889 667 191 333 333 389 584 278 333 278 278 556 556 556 556 556 556 "
    "556 556 556 556 278 278 584 584 584 556 1015 667 667 722 722 667 611 778 722 278 500 667 "
    "556 833 722 778 667 778 722 667 611 722 667 944 667 667 611 278 278 278 469 556 333 556 "
    "556 500 556 556 278 556 556 222 222 500 222 833 556 556 556 556 333 500 278 556 500 722 "
    "500 500 500 334 260 334 584"
)
_BOLD = (
    "278 333 474 556 556 889 722 238 333 333 389 584 278 333 278 278 556 556 556 556 556 556 "
    "556 556 556 556 333 333 584 584 584 611 975 722 722 722 722 667 611 778 722 278 556 722 "
    "611 833 722 778 667 778 722 667 611 722 667 944 667 667 611 333 278 333 584 556 333 556 "
    "611 556 611 556 333 611 611 278 278 556 278 889 611 611 611 611 389 556 333 611 556 778 "
    "556 556 500 389 280 389 584"
)
WIDTHS = {
    False: {chr(32 + i): int(w) for i, w in enumerate(_REGULAR.split())},
    True: {chr(32 + i): int(w) for i, w in enumerate(_BOLD.split())},
}
OTHER_WIDTHS = {
    "\u2013": 556,
    "\u2014": 1000,
    "\u2018": 222,
    "\u2019": 222,
    "\u201c": 333,
    "\u201d": 333,
    "\u2022": 350,
    "\u00a3": 556,
    "\u00a0": 278,
}


def text_width(text, size, bold=False):
    table = WIDTHS[bold]
    return sum(table.get(ch, OTHER_WIDTHS.get(ch, 556)) for ch in text) * size / 1000


def wrap(text, size, bold=False, width=TEXT_WIDTH):
    """Split ``text`` into lines no wider than ``width`` points."""
    lines = []
    for paragraph_line in text.splitlines() or [""]:
        words, line = paragraph_line.split(), ""
        for word in words:
            candidate = f"{line} {word}" if line else word
            if text_width(candidate, size, bold) <= width:
                line = candidate
                continue
            if line:
                lines.append(line)
            # A single word wider than the line (a long URL) is broken by characters.
            while text_width(word, size, bold) > width:
                cut = max(1, int(len(word) * width / text_width(word, size, bold)))
                lines.append(word[:cut])
                word = word[cut:]
            line = word
        lines.append(line)
    return lines


def _pdf_string(text):
    data = text.encode("cp1252", errors="replace")
    return b"(" + data.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"


@dataclass
class _Line:
    text: str
    size: float
    bold: bool
    x: float
    y: float


class Document:
    """Flowing text on A4 pages: headings, paragraphs and gaps, then ``render()``."""

    def __init__(self, title):
        self.title = title
        self.pages = [[]]
        self.y = PAGE_HEIGHT - MARGIN

    def _new_page(self):
        self.pages.append([])
        self.y = PAGE_HEIGHT - MARGIN

    def gap(self, points=6):
        self.y -= points

    def paragraph(self, text, size=11, bold=False, indent=0, keep_with_next=0):
        leading = size * 1.3
        lines = wrap(text, size, bold, TEXT_WIDTH - indent)
        if self.y - leading * (len(lines[:2]) + keep_with_next) < MARGIN:
            self._new_page()
        for line in lines:
            if self.y - leading < MARGIN:
                self._new_page()
            self.y -= leading
            self.pages[-1].append(_Line(line, size, bold, MARGIN + indent, self.y))
        self.gap(size * 0.5)

    def heading(self, text, size=13):
        self.gap(size * 0.4)
        self.paragraph(text, size=size, bold=True, keep_with_next=2)

    def render(self):
        """The PDF file as bytes."""
        objects = []  # object number n is objects[n - 1]

        def add(body):
            objects.append(body)
            return len(objects)

        catalog, pages_ref = add(None), add(None)
        regular = add(
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
        )
        bold = add(
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold "
            b"/Encoding /WinAnsiEncoding >>"
        )
        fonts = f"<< /F1 {regular} 0 R /F2 {bold} 0 R >>".encode()
        page_refs = []
        total = len(self.pages)
        for number, lines in enumerate(self.pages, start=1):
            footer = _Line(
                f"{self.title} \u2013 page {number} of {total}", 8, False, MARGIN, FOOTER_Y
            )
            stream = b"".join(
                b"BT /%s %.1f Tf %.2f %.2f Td %s Tj ET\n"
                % (b"F2" if line.bold else b"F1", line.size, line.x, line.y, _pdf_string(line.text))
                for line in [*lines, footer]
            )
            content = add(b"<< /Length %d >>\nstream\n%sendstream" % (len(stream), stream))
            page_refs.append(
                add(
                    b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 %.2f %.2f] "
                    b"/Resources << /Font %s >> /Contents %d 0 R >>"
                    % (pages_ref, PAGE_WIDTH, PAGE_HEIGHT, fonts, content)
                )
            )
        kids = b" ".join(b"%d 0 R" % ref for ref in page_refs)
        objects[pages_ref - 1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, total)
        objects[catalog - 1] = b"<< /Type /Catalog /Pages %d 0 R >>" % pages_ref
        info = add(b"<< /Title %s /Producer (Panel record) >>" % _pdf_string(self.title))

        out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
        offsets = []
        for number, body in enumerate(objects, start=1):
            offsets.append(len(out))
            out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
        xref = len(out)
        out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
        out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
        out += b"trailer\n<< /Size %d /Root %d 0 R /Info %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
            len(objects) + 1,
            catalog,
            info,
            xref,
        )
        return bytes(out)


def clock(value):
    """A time as the pages print it: "1.46 p.m."."""
    return date_format(value, "g.i a")


def _attendee(attendance):
    """One attendee as the minutes print them (the same words as the page)."""
    name = attendance.person.formal_name
    if attendance.is_chair:
        name += " (Chair)"
    elif attendance.role and attendance.status == attendance.Status.PRESENT:
        name += f" ({attendance.role})"
    elif attendance.role:
        name += f" \u2013 {attendance.role}"
    if attendance.substitute_for_id:
        name += f", substituting for {attendance.substitute_for.formal_name}"
    numbers = [item.number or str(item.order) for item in attendance.items.all()]
    if numbers:
        minute = "minutes" if len(numbers) > 1 else "minute"
        name += f" (for {minute} {and_join(numbers)})"
    return name


def _declaration(declaration):
    """One declaration as the minutes print it (the same words as the page)."""
    words = f"{declaration.person.formal_name}: {declaration.get_interest_type_display().lower()}"
    if declaration.all_items:
        words += " in all substantive items"
    else:
        numbers = [item.number or str(item.order) for item in declaration.items.all()]
        if numbers:
            words += f" in item{'s' if len(numbers) > 1 else ''} {and_join(numbers)}"
    return words


def _write_declarations(doc, meeting, declarations):
    """The declarations the visitor may read, or that there were none, after attendance."""
    if not declarations and not meeting.no_declarations:
        return
    doc.heading("DECLARATIONS OF INTEREST", size=11)
    if not declarations:
        doc.paragraph("There were no declarations.", indent=12)
    for declaration in declarations:
        doc.paragraph(_declaration(declaration), size=11, indent=12)
        if declaration.reason:
            doc.paragraph(declaration.reason, size=11, indent=12)


def _motion(resolution):
    parts = []
    if resolution.mover_id:
        moved = f"Moved by {resolution.mover.formal_name}"
        if resolution.seconder_id:
            moved += f", seconded by {resolution.seconder.formal_name}"
        parts.append(moved + ".")
    if resolution.outcome:
        outcome = resolution.get_outcome_display()
        votes = [
            f"{label} {count}"
            for label, count in (
                ("for", resolution.votes_for),
                ("against", resolution.votes_against),
                ("abstentions", resolution.abstentions),
            )
            if count is not None
        ]
        parts.append(f"{outcome}" + (f" ({', '.join(votes)})" if votes else "") + ".")
    return " ".join(parts)


def minutes_pdf(context):
    """The minutes in ``context`` (as built for the minutes page) as PDF bytes."""
    meeting = context["meeting"]
    doc = Document(f"Minutes: {meeting.body.name}, {meeting.date:%-d %B %Y}")
    _write_heading(doc, meeting)
    _write_status(doc, context["minutes"], context.get("confirming_item"))
    for heading, rows in context["attendance"]:
        doc.heading(heading.upper(), size=11)
        for attendance in rows:
            doc.paragraph(_attendee(attendance), size=11, indent=12)
    _write_declarations(doc, meeting, context["declarations"])
    doc.paragraph("* * * * * * * *")
    for entry in context["entries"]:
        _write_entry(doc, entry)
    if meeting.end_time and not context.get("closing_in_text"):
        doc.paragraph(f"The meeting closed at {clock(meeting.end_time)}.")
    doc.paragraph(f"Printed on {timezone.localtime():%-d %B %Y}.", size=8)
    return doc.render()


def _write_heading(doc, meeting):
    doc.paragraph(f"Minutes of the meeting of the {meeting.body.name}".upper(), size=14, bold=True)
    if meeting.title or meeting.kind != meeting.Kind.ORDINARY:
        doc.paragraph(meeting.heading, size=12, bold=True)
    held = f"Held: {date_format(meeting.date, 'l j F Y')}"
    if meeting.start_time:
        held += f" at {clock(meeting.start_time)}"
    if meeting.venue:
        held += f", {meeting.venue}"
    elif meeting.is_remote:
        held += ", held remotely"
    doc.paragraph(held)


def _write_status(doc, minutes, confirming_item):
    if minutes.status == minutes.Status.DRAFT:
        doc.paragraph("DRAFT: not published.", bold=True)
    elif minutes.status == minutes.Status.PUBLISHED:
        doc.paragraph("DRAFT, subject to confirmation at the next meeting.", bold=True)
    elif confirming_item is not None:
        doc.paragraph(
            "Confirmed as a correct record at the meeting of "
            f"{confirming_item.meeting.body.name} on {confirming_item.meeting.date:%-d %B %Y}"
            + (f" (minute {confirming_item.number})." if confirming_item.number else "."),
            bold=True,
        )


def _write_entry(doc, entry):
    """One agenda item: its minute and resolutions, or why the visitor may not read it."""
    number = f"{entry.number}. " if entry.number else ""
    if entry.withheld:
        doc.heading(f"{number}{entry.outline.withheld_heading}".upper(), size=11)
        doc.paragraph(entry.outline.withheld_reason)
        return
    item = entry.item
    doc.heading(f"{number}{item.title}".upper(), size=11)
    if not item.is_public:
        doc.paragraph(f"[{item.get_confidentiality_display()}] {item.withheld_reason}", bold=True)
    for block in item.minutes_text.split("\n\n"):
        if block.strip():
            doc.paragraph(textwrap.dedent(block).strip())
    resolutions = list(item.resolutions.all())
    if resolutions:
        doc.paragraph("RESOLVED:", bold=True, keep_with_next=1)
    for resolution in resolutions:
        prefix = f"{resolution.number}. " if resolution.number else ""
        doc.paragraph(f"{prefix}{resolution.text}", indent=12)
        if resolution.is_motion or resolution.outcome:
            doc.paragraph(_motion(resolution), size=10, indent=12)
