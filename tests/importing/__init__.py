"""Helpers for the importer's tests: the seed papers, and the people they name.

The people are written out by hand from the seed text (the front sheet of each pack and the
attendance lists), in the spelling a democratic services officer would have recorded.
"""

import datetime
import os
from pathlib import Path

import pytest

from meetings.models import Body, Membership, Person

SEEDS = Path(
    os.environ.get("PANEL_SEEDS_DIR", Path(__file__).resolve().parents[3] / "shared" / "seeds")
)
SEED_FILES = {
    "001": "001_1d8090acbeee358d.txt",
    "002": "002_104d3c904477f23b.txt",
    "003": "003_c3a837a6b002345d.txt",
    "004": "004_d792da493e543936.txt",
}
PANEL_NAME = "Leicester, Leicestershire and Rutland Police and Crime Panel"

# From the front sheet of the 9 October 2023 pack and the minutes of 26 July 2023.
PANEL_2023 = [
    ("Councillor", "Deborah", "Taylor", "", Membership.Role.CHAIR),
    ("Councillor", "Sarah", "Russell", "", Membership.Role.VICE_CHAIR),
    *[
        ("Councillor", "", family, "", Membership.Role.MEMBER)
        for family in (
            "Agath",
            "Allnatt",
            "Blackshaw",
            "Clarke",
            "Joannou",
            "Loydall",
            "Mullaney",
            "Phillimore",
            "Wise",
            "Woodiwiss",
            "Woodman",
            "Wyatt",
        )
    ],
    ("Ms", "Parisha", "Chavda", "", Membership.Role.INDEPENDENT),
    ("Ms", "Salma", "Manzoor", "", Membership.Role.INDEPENDENT),
]
# The CGB report of June 2023 lists "Mrs Lizzie Starr (Director of Governance and Performance)".
OFFICERS_2023 = [
    ("Mr", "Rupert", "Matthews"), ("Mrs", "Rani", "Mahal"), ("Mrs", "Elizabeth", "Starr"),
    ("Mr", "Kamal", "Adatia"), ("Mr", "Jacob", "Mann"), ("Ms", "Claire", "Trewartha"),
    ("Ms", "Pretty", "Patel"), ("Ms", "Rachel", "Heggs"), ("Mrs", "Anita", "James"),
]  # fmt: skip
# From the membership on the front sheet of the 29 March 2017 pack and the minutes of 3 February.
PANEL_2017 = [
    ("Mr", "J. T.", "Orson", "JP, CC", Membership.Role.CHAIR),
    ("Cllr.", "John", "Boyce", "", Membership.Role.MEMBER),
    ("Cllr.", "Abdul", "Osman", "", Membership.Role.MEMBER),
    ("Cllr.", "Lee", "Breckon", "JP", Membership.Role.MEMBER),
    ("Cllr.", "Rosita", "Page", "", Membership.Role.MEMBER),
    ("Mrs.", "Helen", "Carter", "", Membership.Role.INDEPENDENT),
    ("Cllr.", "Trevor", "Pendleton", "", Membership.Role.MEMBER),
    ("Cllr.", "Ratilal", "Govind", "", Membership.Role.MEMBER),
    ("Cllr.", "Lynn", "Senior", "", Membership.Role.MEMBER),
    ("Cllr.", "Malise", "Graham", "", Membership.Role.MEMBER),
    ("Cllr.", "David", "Slater", "", Membership.Role.MEMBER),
    ("Col.", "Robert", "Martin", "OBE, DL", Membership.Role.INDEPENDENT),
    ("Cllr.", "Manjula", "Sood", "MBE", Membership.Role.MEMBER),
    ("Cllr.", "Ozzy", "O'Shea", "", Membership.Role.MEMBER),
    ("Cllr.", "Alan", "Walters", "", Membership.Role.MEMBER),
    ("Cllr.", "Tony", "Mathias", "", Membership.Role.MEMBER),
]
OFFICERS_2017 = [
    ("Lord", "Willy", "Bach"), ("Cllr.", "Kirk", "Master"), ("", "Helen", "King"),
    ("", "Simon", "Cole"),
]  # fmt: skip


def seed_text(key):
    path = SEEDS / SEED_FILES[key]
    if not path.exists():
        pytest.skip(f"the seed papers are not at {SEEDS}: set PANEL_SEEDS_DIR")
    return path.read_text(encoding="utf-8")


def make_panel():
    return Body.objects.create(name=PANEL_NAME, short_name="Panel", slug="llr-pcp")


def make_cgb():
    return Body.objects.create(
        name="Corporate Governance Board", short_name="CGB", slug="cgb", kind=Body.Kind.BOARD
    )


def make_person(honorific, given, family, post_nominals=""):
    slug = "-".join(part for part in (given.replace(".", "").replace(" ", "-"), family) if part)
    return Person.objects.create(
        honorific=honorific,
        given_name=given,
        family_name=family,
        post_nominals=post_nominals,
        slug=slug.lower().replace("'", ""),
    )


def make_people(panel, members, officers, *, since):
    people = {}
    for honorific, given, family, post_nominals, role in members:
        person = make_person(honorific, given, family, post_nominals)
        Membership.objects.create(person=person, body=panel, role=role, start_date=since)
        people[family] = person
    for honorific, given, family in officers:
        people[family] = make_person(honorific, given, family)
    return people


def make_people_2023(panel):
    return make_people(panel, PANEL_2023, OFFICERS_2023, since=datetime.date(2023, 5, 25))


def make_people_2017(panel):
    return make_people(panel, PANEL_2017, OFFICERS_2017, since=datetime.date(2016, 6, 1))
