"""Text as the importer and the demo keep it: a paper's line breaks reflowed into paragraphs."""

import re

import pytest
from django.core.management import call_command

from meetings.importing.text import reflow_paragraphs
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
