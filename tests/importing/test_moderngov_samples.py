"""The four ModernGov sample PDFs (Kent County Council) import with the counts counted by hand.

Every expected number below was counted by hand from the printed PDF
(demo/samples/moderngov/), page by page, not from the importer's output:

- items: minute headings (numbered, or titles over "(Item N)"), plus the unnumbered
  "Election of Chair" opening the County Council of 9 January 2025;
- resolutions: each printed "RESOLVED" block, plus each motion or amendment moved and
  seconded ("Mr X proposed, and Mr Y seconded ..."); the Cabinet's "Mr Love suggested and the
  Leader and Cabinet agreed to the following amendment" has no seconder and is not counted;
- recorded votes: each "For (n) / Against (n) / Abstain (n)" table;
- present / in attendance / also present / apologies: names in the PRESENT, IN ATTENDANCE,
  ALSO PRESENT lists and in the apologies sentence (Kent's County Council lists 67 and 64
  members present; Ms Grehan's "formal apologies" while attending virtually are not a name
  in the apologies sentence);
- declarations: named declarers (the County Council of 9 January records only that "Members
  who were district or borough councillors declared an interest", naming nobody).
"""

import pytest

from meetings.importing.load import import_text
from meetings.importing.text import read_upload
from meetings.models import (
    AgendaItem,
    Attendance,
    Body,
    Declaration,
    Meeting,
    RecordedVote,
    Resolution,
)
from tests.importing import SAMPLES

pytestmark = pytest.mark.django_db

# stem: (body, items, RESOLVED blocks, motions, recorded votes, present, in attendance,
#        also present, apologies, declarations) -- counted by hand from the printed PDF.
HAND_COUNTS = {
    "kent_cabinet_2025-01-09": ("Cabinet", 8, 5, 1, 0, 10, 11, 0, 0, 0),
    "kent_corporate_parenting_panel_2024-10-29": (
        "Corporate Parenting Panel", 12, 11, 0, 0, 14, 11, 1, 3, 0,
    ),
    "kent_county_council_2025-01-09": ("County Council", 4, 2, 7, 5, 67, 2, 0, 13, 0),
    "kent_county_council_2025-02-13": ("County Council", 6, 3, 8, 8, 64, 3, 0, 15, 2),
}  # fmt: skip
BODIES = ("Cabinet", "County Council", "Corporate Parenting Panel")


def sample_text(stem):
    path = SAMPLES / f"{stem}.pdf"
    return read_upload(path.read_bytes(), name=path.name)


@pytest.fixture
def kent_bodies(db):
    for name in BODIES:
        Body.objects.create(name=name, slug=name.lower().replace(" ", "-"), kind="committee")


def rows(meeting):
    resolutions = Resolution.objects.filter(item__meeting=meeting)
    attendance = Attendance.objects.filter(meeting=meeting)
    return (
        meeting.body.name,
        AgendaItem.objects.filter(meeting=meeting).count(),
        resolutions.filter(is_motion=False).count(),
        resolutions.filter(is_motion=True).count(),
        resolutions.filter(votes_for__isnull=False).count(),
        attendance.filter(status="present").count(),
        attendance.filter(status="in_attendance").count(),
        attendance.filter(status="also_present").count(),
        attendance.filter(status="apologies").count(),
        Declaration.objects.filter(meeting=meeting).count(),
    )


@pytest.mark.parametrize("stem", sorted(HAND_COUNTS))
def test_each_sample_pdf_imports_with_the_hand_counted_rows(kent_bodies, stem):
    result = import_text(sample_text(stem), source=f"{stem}.pdf", create_people=True)
    assert rows(Meeting.objects.get()) == HAND_COUNTS[stem]
    assert not result.warnings


@pytest.mark.parametrize("stem", sorted(HAND_COUNTS))
def test_each_sample_leads_with_a_summary_whose_counts_agree(kent_bodies, stem):
    _, _, resolved, _, votes, present, *_ = HAND_COUNTS[stem]
    text = import_text(sample_text(stem), source=f"{stem}.pdf", create_people=True).as_text()
    summary = text.splitlines()[2]
    assert f"RESOLVED seen {resolved}, imported {resolved}" in summary
    assert f"PRESENT names seen {present}, imported {present}" in summary
    assert f"recorded votes seen {votes}, imported {votes}" in summary
    assert "WARNING" not in text


@pytest.mark.parametrize("stem", sorted(HAND_COUNTS))
def test_a_sample_imported_twice_changes_nothing(kent_bodies, stem):
    text = sample_text(stem)
    import_text(text, source=f"{stem}.pdf", create_people=True)
    before = (Resolution.objects.count(), RecordedVote.objects.count(), Attendance.objects.count())
    again = import_text(text, source=f"{stem}.pdf", create_people=True)
    assert again.nothing_changed
    assert Meeting.objects.count() == 1
    after = (Resolution.objects.count(), RecordedVote.objects.count(), Attendance.objects.count())
    assert after == before


def test_recorded_votes_keep_their_counts_and_outcomes(kent_bodies):
    import_text(sample_text("kent_county_council_2025-01-09"), source="c.pdf", create_people=True)
    votes = [
        (
            r.mover.family_name,
            r.seconder.family_name,
            r.outcome,
            r.votes_for,
            r.votes_against,
            r.abstentions,
        )
        for r in Resolution.objects.filter(votes_for__isnull=False).order_by("id")
    ]
    assert votes == [
        ("Streatfeild", "Sole", "carried", 39, 19, 1),  # the substantive motion (paragraph 25)
        ("Hood", "Baldock", "lost", 14, 45, 4),
        ("Brady", "Constantine", "lost", 17, 43, 3),
        ("Passmore", "Hook", "lost", 13, 45, 4),
        ("Lehmann", "Streatfeild", "lost", 14, 40, 7),
    ]


def test_councillors_differing_only_by_title_stay_two_people(kent_bodies):
    import_text(sample_text("kent_county_council_2025-02-13"), source="c.pdf", create_people=True)
    present = Attendance.objects.filter(status="present")
    coles = sorted(
        present.filter(person__family_name="Cole").values_list("person__honorific", flat=True)
    )
    meades = sorted(
        present.filter(person__family_name="Meade").values_list("person__honorific", flat=True)
    )
    assert (coles, meades) == (["Mr", "Mrs"], ["Mr", "Ms"])
    declarer = Declaration.objects.get(reason__contains="carer").person
    assert declarer.honorific == "Ms"


def test_the_chair_and_vice_chair_are_marked_and_roles_kept_apart(kent_bodies):
    import_text(
        sample_text("kent_corporate_parenting_panel_2024-10-29"), source="p.pdf", create_people=True
    )
    meeting = Meeting.objects.get()
    chair = meeting.attendances.get(is_chair=True).person
    vice = meeting.attendances.get(role="Vice-Chair").person
    assert (chair.family_name, vice.family_name) == ("Prendergast", "Bartlett")
    also = meeting.attendances.get(status="also_present")
    assert (also.person.family_name, also.role) == (
        "Chandler",
        "Cabinet Member for Integrated Children\u2019s Services",
    )
    assert not meeting.attendances.filter(person__family_name__in=["Services", "Member"]).exists()


def test_headings_that_wrap_keep_their_whole_title(kent_bodies):
    import_text(sample_text("kent_county_council_2025-02-13"), source="c.pdf", create_people=True)
    item = AgendaItem.objects.get(number="288")
    assert item.title.endswith("and, if in order, to be approved as a correct record")


def test_the_style_can_be_forced_and_an_unknown_one_is_refused(kent_bodies):
    from meetings.importing.report import ImportRefused

    text = sample_text("kent_cabinet_2025-01-09")
    with pytest.raises(ImportRefused, match=r'no house style called "web".*moderngov'):
        import_text(text, source="c.pdf", style="web")
    assert Meeting.objects.count() == 0
    import_text(text, source="c.pdf", create_people=True, style="moderngov")
    assert Meeting.objects.count() == 1


# The printed counts of every recorded vote, (for, against, abstain), read from the PDF; each
# equals the number of names printed under it.
PRINTED_VOTES = {
    "kent_county_council_2025-01-09": [(39, 19, 1), (14, 45, 4), (17, 43, 3), (13, 45, 4), (14, 40, 7)],
    "kent_county_council_2025-02-13": [
        (57, 0, 2), (41, 10, 7), (12, 42, 7), (16, 41, 0), (9, 41, 8), (8, 40, 10), (13, 39, 3),
        (15, 43, 1),
    ],
}  # fmt: skip


@pytest.mark.parametrize("stem", sorted(PRINTED_VOTES))
def test_each_members_recorded_vote_is_imported(kent_bodies, stem):
    import_text(sample_text(stem), source=f"{stem}.pdf", create_people=True)
    recorded = sorted(
        (
            r.recorded_votes.filter(vote="for").count(),
            r.recorded_votes.filter(vote="against").count(),
            r.recorded_votes.filter(vote="abstain").count(),
        )
        for r in Resolution.objects.filter(votes_for__isnull=False)
    )
    assert recorded == sorted(PRINTED_VOTES[stem])


def test_a_recorded_vote_tells_mr_cole_from_mrs_cole(kent_bodies):
    import_text(sample_text("kent_county_council_2025-01-09"), source="c.pdf", create_people=True)
    hood = Resolution.objects.get(mover__family_name="Hood")
    against = hood.recorded_votes.filter(vote="against", person__family_name="Cole")
    assert sorted(against.values_list("person__honorific", flat=True)) == ["Mr", "Mrs"]
    assert RecordedVote.objects.filter(person__family_name="Lehmann", vote="for").count() == 4


def test_names_matched_by_surname_alone_are_not_saved_as_other_spellings(kent_bodies):
    from meetings.models import PersonAlias

    import_text(sample_text("kent_county_council_2025-01-09"), source="c.pdf", create_people=True)
    aliases = set(PersonAlias.objects.values_list("name", flat=True))
    assert not aliases & {"Mr Gough", "Mr Cole", "Mrs Cole", "Ms Meade", "Mr Lehmann"}


def test_the_bulk_table_of_the_samples_folder_gives_the_hand_counts(kent_bodies):
    import io

    from django.core.management import call_command

    out = io.StringIO()
    call_command(
        "import_minutes",
        str(SAMPLES),
        "--create-people",
        "--dry-run",
        stdout=out,
        stderr=io.StringIO(),
    )
    table = out.getvalue()[out.getvalue().index("\nSummary:\n") :].splitlines()[4:]
    found = {line.split()[0]: line.split()[2:9] for line in table if line.endswith("would import")}
    assert found == {
        f"{stem}.pdf": [
            str(n) for n in (items, resolved, motions, votes, present, apologies, declared)
        ]
        for stem, (_, items, resolved, motions, votes, present, _, _, apologies, declared) in (
            HAND_COUNTS.items()
        )
    }


def test_a_member_sending_apologies_is_not_asked_about_as_one_present(kent_bodies):
    # "Ms Dawkins" (apologies) is 86% like "Ms J Hawkins" (present): two people, not a question.
    result = import_text(
        sample_text("kent_county_council_2025-01-09"), source="c.pdf", create_people=True
    )
    assert result.near_misses == []
    statuses = dict(
        Attendance.objects.filter(person__family_name__in=["Dawkins", "Hawkins"]).values_list(
            "person__family_name", "status"
        )
    )
    assert statuses == {"Dawkins": "apologies", "Hawkins": "present"}
