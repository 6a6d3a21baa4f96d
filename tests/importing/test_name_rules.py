"""Names that look alike but are two people, and lists whose every piece is accounted for."""

import pytest

from meetings.importing.moderngov_names import read_name_list
from meetings.importing.names import compare, parse_name, split_entries


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Mr P Cole", "Mrs P T Cole"),  # Kent County Council: two councillors
        ("Mr J Meade", "Ms J Meade"),
        ("Mr Cole", "Mrs Cole"),
        ("Mr B Watts", "Mr B Wyatt"),  # 80% alike, and two people
        ("Councillor Watts", "Councillor Wyatt"),
    ],
)
def test_a_different_title_or_a_close_surname_is_another_person(one, other):
    assert compare(parse_name(one), parse_name(other)) is None


def test_the_same_forename_under_another_title_is_one_person_with_a_wrong_title():
    assert compare(parse_name("Mr Elizabeth Starr"), parse_name("Mrs Elizabeth Starr"))


def test_a_short_name_in_a_vote_still_matches_its_member():
    assert compare(parse_name("Mrs Cole"), parse_name("Mrs P T Cole"))
    assert compare(parse_name("Mr Carter"), parse_name("Sir Paul Carter"))


def test_the_middle_of_three_titled_names_is_kept():
    entries = split_entries("Cllr. Lee Breckon, Cllr. Kirk Master and Cllr. Deborah Taylor")
    assert [parse_name(e).family for e in entries] == ["Breckon", "Master", "Taylor"]


def test_an_inline_list_reads_chair_roles_and_letters_after_names():
    listed = read_name_list(
        "Mr R W Gough (Chairman), Mrs S Hammond (Corporate Director Children, Young People and "
        "Education), Mr R C Love, OBE and Sue Chandler, Cabinet Member for Integrated Services"
    )
    assert [n.printed for n in listed.names] == [
        "Mr R W Gough",
        "Mrs S Hammond",
        "Mr R C Love, OBE",
        "Sue Chandler",
    ]
    assert listed.names[0].chair
    assert listed.names[1].role == "Corporate Director Children, Young People and Education"
    assert listed.names[3].role == "Cabinet Member for Integrated Services"
    assert listed.accounted == listed.pieces


def test_an_organisation_in_a_list_is_never_a_person():
    listed = read_name_list("Authority, Blaby DC")
    assert listed.names == []
    assert listed.unread == ["Authority", "Blaby DC"]
