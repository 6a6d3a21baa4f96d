"""Text as the importer and the demo keep it: a paper's line breaks reflowed into paragraphs;
the text of a Word document."""

import io
import re

import docx
import pytest
from django.core.management import call_command
from docx.oxml import parse_xml

from meetings.importing.docx_text import docx_to_text
from meetings.importing.report import ImportRefused
from meetings.importing.text import read_upload, reflow_paragraphs
from meetings.models import AgendaItem


def test_reflow_joins_a_papers_lines_into_paragraphs_and_keeps_lists():
    typed = (
        "Overview: HMICFRS released a report\non digital forensics.\n\n"
        "Actions:\n- review the plan\n- report back\nin January\n(a) first\n2. second"
    )
    assert reflow_paragraphs(typed) == (
        "Overview: HMICFRS released a report on digital forensics.\n\n"
        "Actions:\n- review the plan\n- report back in January\n(a) first\n2. second"
    )


@pytest.mark.django_db
def test_the_demo_boards_sections_read_as_paragraphs():
    call_command("load_demo", verbosity=0)
    texts = AgendaItem.objects.exclude(minutes_text="").values_list("minutes_text", flat=True)
    broken = [t for t in texts if re.search(r"[a-z,]\n[a-z]", t)]
    assert broken == []


# -- Word documents --------------------------------------------------------------------------

WORD_MAIN = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
# A list numbered "1.", "(a)", "i)" by level, as a council's minutes template defines one.
MINUTES_LIST = f"""<w:abstractNum {WORD_MAIN} w:abstractNumId="90">
  <w:lvl w:ilvl="0"><w:start w:val="12"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="(%2)"/></w:lvl>
  <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="lowerRoman"/><w:lvlText w:val="%3)"/></w:lvl>
</w:abstractNum>"""
MINUTES_LIST_NUMBER = f'<w:num {WORD_MAIN} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'


def word_document(build):
    document = docx.Document()
    build(document)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def numbered(document, text, level):
    paragraph = document.add_paragraph(text)
    numbering = paragraph._p.get_or_add_pPr().get_or_add_numPr()
    numbering.get_or_add_ilvl().val = level
    numbering.get_or_add_numId().val = 90
    return paragraph


def test_a_word_documents_numbered_headings_get_their_numbers_back():
    def build(document):
        numbering = document.part.numbering_part.element
        numbering.append(parse_xml(MINUTES_LIST))
        numbering.append(parse_xml(MINUTES_LIST_NUMBER))
        document.add_paragraph("MINUTES of a meeting of the Cabinet")
        numbered(document, "Apologies", 0)
        numbered(document, "Minutes of the meeting held on 28 November 2024", 0)
        numbered(document, "RESOLVED that the minutes be approved", 1)
        numbered(document, "and signed by the Chair", 2)
        numbered(document, "and published", 2)
        numbered(document, "Noted", 1)
        numbered(document, "Date of next meeting", 0)
        numbered(document, "a new sub-list starts again at (a)", 1)

    assert read_upload(word_document(build), name="minutes.docx").splitlines() == [
        "MINUTES of a meeting of the Cabinet",
        "12. Apologies",
        "13. Minutes of the meeting held on 28 November 2024",
        "(a) RESOLVED that the minutes be approved",
        "i) and signed by the Chair",
        "ii) and published",
        "(b) Noted",
        "14. Date of next meeting",
        "(a) a new sub-list starts again at (a)",
    ]


def test_a_word_list_numbered_by_its_style_and_a_table_in_order():
    def build(document):
        document.sections[0].header.paragraphs[0].text = "RUNNING HEADER"
        document.add_paragraph("Apologies", style="List Number")
        table = document.add_table(rows=2, cols=2)
        for row, cells in enumerate((("For (2)", "Mr A, Mr B"), ("Against (1)", "Mrs C"))):
            for column, text in enumerate(cells):
                table.cell(row, column).text = text
        document.add_paragraph("Declarations", style="List Number")

    assert read_upload(word_document(build), name="minutes.docx") == (
        "1. Apologies\nFor (2)\tMr A, Mr B\nAgainst (1)\tMrs C\n2. Declarations\n"
    )


def test_a_damaged_word_document_is_refused():
    data = word_document(lambda document: document.add_paragraph("Minutes"))
    with pytest.raises(ImportRefused, match="cannot be read as a Word document"):
        docx_to_text(data[: len(data) // 2], name="minutes.docx")
