"""The reader on damaged text: random slices, shuffled lines and truncations of the samples.

Whatever the damage, reading ends either in a record or in ImportRefused, never in another
exception (a server error on the upload page), and a refusal writes nothing at all.
"""

import functools

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from meetings.importing.document import parse_document
from meetings.importing.load import import_text
from meetings.importing.report import ImportRefused
from meetings.importing.text import read_upload
from meetings.models import AgendaItem, Attendance, Body, Declaration, Meeting, Person, Resolution
from tests.importing import SAMPLES, seed_text
from tests.importing.test_moderngov_reader import ALONE, SLASHED, WEB

STEMS = (
    "kent_cabinet_2025-01-09",
    "kent_corporate_parenting_panel_2024-10-29",
    "kent_county_council_2025-01-09",
    "kent_county_council_2025-02-13",
)
SLOW = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    derandomize=True,
)
BODIES = (
    "Cabinet",
    "County Council",
    "Corporate Parenting Panel",
    "Licensing Committee",
    "Planning Committee",
)
FAST = settings(max_examples=150, deadline=None, derandomize=True)


@functools.cache
def texts():
    found = [
        read_upload(path.read_bytes(), name=path.name)
        for path in (SAMPLES / f"{stem}.pdf" for stem in STEMS)
    ]
    return (*found, seed_text("003"), SLASHED, ALONE, WEB)


@st.composite
def damaged(draw):
    """One sample, sliced, truncated, shuffled, or with lines dropped or repeated."""
    text = draw(st.sampled_from(texts()))
    lines = text.splitlines()
    how = draw(st.sampled_from(["slice", "truncate", "shuffle", "drop", "repeat"]))
    if how == "slice":
        start = draw(st.integers(0, len(text)))
        return text[start : draw(st.integers(start, len(text)))]
    if how == "truncate":
        return text[: draw(st.integers(0, len(text)))]
    if how == "shuffle":
        return "\n".join(draw(st.permutations(lines)))
    if how == "drop":
        keep = draw(st.lists(st.booleans(), min_size=len(lines), max_size=len(lines)))
        return "\n".join(line for line, kept in zip(lines, keep, strict=True) if kept)
    first = draw(st.integers(0, max(len(lines) - 1, 0)))
    return "\n".join(lines[:first] + lines[first : first + 20] * 2 + lines[first:])


def counts():
    return tuple(
        model.objects.count()
        for model in (Meeting, AgendaItem, Attendance, Resolution, Declaration, Person)
    )


@FAST
@given(text=damaged())
def test_reading_damaged_text_ends_in_minutes_or_a_refusal(text):
    try:
        parse_document(text, source="damaged.txt")
    except ImportRefused as refusal:
        assert str(refusal)


@pytest.mark.django_db
@SLOW
@given(text=damaged())
def test_importing_damaged_text_never_writes_part_of_a_record(kent_bodies, text):
    before = counts()
    try:
        import_text(text, source="damaged.txt", create_people=True)
    except ImportRefused:
        assert counts() == before


@pytest.fixture
def kent_bodies(db):
    for name in BODIES:
        Body.objects.get_or_create(name=name, slug=name.lower().replace(" ", "-"))
