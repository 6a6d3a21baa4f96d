"""Helpers for the importer's tests: the seed papers, and the people they name.

The people are written out by hand from the seed text (the front sheet of each pack and the
attendance lists), in the spelling a democratic services officer would have recorded.
"""

import datetime
import os
from html.parser import HTMLParser
from pathlib import Path

from django.apps import apps

from meetings.models import Body, Membership, Person

# The papers are committed with the project (demo/papers/); PANEL_SEEDS_DIR points elsewhere.
SEEDS = Path(
    os.environ.get("PANEL_SEEDS_DIR", Path(__file__).resolve().parents[2] / "demo" / "papers")
)
# The sample PDFs (ModernGov printed minutes of Kent County Council) are committed with the
# project (demo/samples/moderngov/); PANEL_SAMPLES_DIR points elsewhere.
SAMPLES = Path(
    os.environ.get(
        "PANEL_SAMPLES_DIR",
        Path(__file__).resolve().parents[2] / "demo" / "samples" / "moderngov",
    )
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


# Small hand-made papers naming members recorded by make_people_2023: minutes in the city's
# style, the same meeting in the county's (date and venue in the heading), and an agenda.
CITY_MINUTES = """Minutes of the Meeting of the LEICESTER, LEICESTERSHIRE AND RUTLAND POLICE AND CRIME PANEL

Held: WEDNESDAY, 13 DECEMBER 2023 at 1:00 pm

PRESENT:

Councillor Taylor (Chair)
Councillor Wise

* * * * * * * *

1. APOLOGIES FOR ABSENCE

There were none.

2. POLICE AND CRIME PLAN

It was moved by Councillor Taylor and seconded by Councillor Wise that:-

a) The plan be supported.

The motion was carried (9 for, 2 against).

There being no other business the meeting closed at 1.30pm.
"""
COUNTY_MINUTES = """Minutes of a meeting of the Leicester, Leicestershire and Rutland Police and Crime Panel held at County Hall, Glenfield on Wednesday, 13 December 2023.

PRESENT

Councillor Taylor (in the Chair)

Councillor Wise

1. Police and Crime Plan.

RESOLVED:

That the plan be noted.

1.00 - 2.00 pm
"""
AGENDA_PACK = """MEETING OF THE LEICESTER, LEICESTERSHIRE AND RUTLAND POLICE AND CRIME PANEL

DATE: WEDNESDAY, 13 DECEMBER 2023

TIME: 1:00 pm

AGENDA

1. APOLOGIES FOR ABSENCE (Pages 1 - 2)

2. WORK PROGRAMME (Pages 3 - 8)
"""


def seed_text(key):
    return (SEEDS / SEED_FILES[key]).read_text(encoding="utf-8")


def seed_bytes(key):
    return (SEEDS / SEED_FILES[key]).read_bytes()


def record_rows():
    """How many rows each model of the record and of the action log holds."""
    models = [
        *apps.get_app_config("meetings").get_models(),
        *apps.get_app_config("actions").get_models(),
    ]
    return {model._meta.label: model.objects.count() for model in models}


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


class _SummaryReader(HTMLParser):
    """Collects the text inside the import page's error summary (class "import-errors")."""

    def __init__(self):
        super().__init__()
        self.depth = 0
        self.parts = []

    def handle_starttag(self, tag, attrs):
        if self.depth:
            self.depth += tag not in VOID_TAGS
        elif "import-errors" in (dict(attrs).get("class") or "").split():
            self.depth = 1

    def handle_endtag(self, tag):
        if self.depth:
            self.depth -= 1

    def handle_data(self, data):
        if self.depth:
            self.parts.append(data)


VOID_TAGS = {"br", "hr", "img", "input", "link", "meta", "wbr"}


def error_summary(response):
    """The words of the error summary at the top of an import page ("" when it has none)."""
    reader = _SummaryReader()
    reader.feed(response.content.decode())
    return " ".join(" ".join(reader.parts).split())
