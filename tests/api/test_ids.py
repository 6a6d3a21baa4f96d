"""One integer id for each resource, written one way, in every path of the API.

Organizations and people were found by slug, which the admin can change; they are found by
id now, and the slug address redirects to the id's. No other spelling of an id ("+1", "01",
fullwidth or Arabic-Indic digits) reaches a resource: each would be another address of it.
"""

import pytest
from django.test import Client
from knox.models import AuthToken

from tests.factories import (
    BodyFactory,
    MeetingFactory,
    MembershipFactory,
    PersonFactory,
    ResolutionFactory,
    WorkProgrammeEntryFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def body():
    return BodyFactory(slug="cgb", name="Corporate Governance Board")


@pytest.fixture
def person():
    return PersonFactory(slug="deborah-taylor", family_name="Taylor", given_name="Deborah")


def test_an_organization_is_found_by_its_id(body):
    response = Client().get(f"/api/v1/organizations/{body.pk}/")

    assert response.status_code == 200
    assert response.json()["id"] == body.pk


def test_a_person_is_found_by_their_id(person):
    response = Client().get(f"/api/v1/people/{person.pk}/")

    assert response.status_code == 200
    assert response.json()["id"] == person.pk


@pytest.mark.parametrize(
    ("resource", "slug"), [("organizations", "cgb"), ("people", "deborah-taylor")]
)
def test_a_slug_is_redirected_permanently_to_the_id(body, person, resource, slug):
    pk = {"organizations": body.pk, "people": person.pk}[resource]

    response = Client().get(f"/api/v1/{resource}/{slug}/")

    assert response.status_code == 301
    assert response["Location"] == f"/api/v1/{resource}/{pk}/"


def test_the_redirect_keeps_the_query_string(body):
    response = Client().get("/api/v1/organizations/cgb/?format=json&x=1")

    assert response.status_code == 301
    assert response["Location"] == f"/api/v1/organizations/{body.pk}/?format=json&x=1"


def test_the_redirect_leads_to_the_resource(body):
    response = Client().get("/api/v1/organizations/cgb/", follow=True)

    assert response.status_code == 200
    assert response.json()["id"] == body.pk


def test_the_old_slug_of_a_renamed_body_is_not_found(body):
    body.slug = "governance-board"
    body.save()

    response = Client().get("/api/v1/organizations/cgb/")

    assert response.status_code == 404
    assert "cgb" in response.json()["detail"]


def test_an_unknown_slug_is_not_found(body):
    response = Client().get("/api/v1/people/nobody/")

    assert response.status_code == 404
    assert "nobody" in response.json()["detail"]


# --- One spelling of each id --------------------------------------------------------------

FULLWIDTH = str.maketrans(
    "0123456789", "\uff10\uff11\uff12\uff13\uff14\uff15\uff16\uff17\uff18\uff19"
)
ARABIC_INDIC = str.maketrans(
    "0123456789", "\u0660\u0661\u0662\u0663\u0664\u0665\u0666\u0667\u0668\u0669"
)

# Each reads as the id to Python's int() (or Django's), so each was answered as the id.
OTHER_SPELLINGS = {
    "sign": lambda pk: f"+{pk}",
    "leading zero": lambda pk: f"0{pk}",
    "fullwidth": lambda pk: str(pk).translate(FULLWIDTH),
    "Arabic-Indic": lambda pk: str(pk).translate(ARABIC_INDIC),
    "decimal": lambda pk: f"{pk}.0",
    "space": lambda pk: f"%20{pk}",
    "negative": lambda pk: f"-{pk}",
}


@pytest.fixture
def rows(body, person):
    """A row of each resource."""
    meeting = MeetingFactory(body=body)
    return {
        "organizations": body.pk,
        "people": person.pk,
        "events": meeting.pk,
        "memberships": MembershipFactory(body=body, person=person).pk,
        "motions": ResolutionFactory(item__meeting=meeting).pk,
        "work-programme": WorkProgrammeEntryFactory(body=body).pk,
    }


RESOURCES = ["organizations", "people", "events", "memberships", "motions", "work-programme"]


@pytest.mark.parametrize("resource", RESOURCES)
def test_the_id_itself_is_found(rows, resource, staff_client):
    # As staff: the motion's meeting has no published minutes.
    assert staff_client.get(f"/api/v1/{resource}/{rows[resource]}/").status_code == 200


@pytest.mark.parametrize("spelling", OTHER_SPELLINGS)
@pytest.mark.parametrize("resource", RESOURCES)
def test_another_spelling_of_an_id_is_not_found(rows, resource, spelling, staff_client):
    address = f"/api/v1/{resource}/{OTHER_SPELLINGS[spelling](rows[resource])}/"

    response = staff_client.get(address)

    assert response.status_code == 404, address
    assert "json" in response["Content-Type"]


def test_a_workflow_step_on_another_spelling_is_not_found(staff_user):
    from actions.models import Action
    from tests.factories import ActionFactory

    action = ActionFactory()
    _, secret = AuthToken.objects.create(user=staff_user)

    response = Client(headers={"authorization": f"Token {secret}"}).post(
        f"/api/v1/actions/0{action.pk}/start/", {}, content_type="application/json"
    )

    assert response.status_code == 404
    action.refresh_from_db()
    assert action.status == Action.Status.OPEN


@pytest.mark.parametrize("spelling", OTHER_SPELLINGS)
def test_a_site_page_answers_at_one_address_only(rows, spelling):
    pk = rows["events"]

    assert Client().get(f"/meetings/{pk}/").status_code == 200
    assert Client().get(f"/meetings/{OTHER_SPELLINGS[spelling](pk)}/").status_code == 404


# --- What the schema says -----------------------------------------------------------------


@pytest.fixture
def schema():
    return Client().get("/api/schema/", {"format": "json"}).json()


def test_every_path_id_is_declared_an_integer(schema):
    ids = [
        (path, parameter["schema"])
        for path, operations in schema["paths"].items()
        for operation in operations.values()
        for parameter in operation.get("parameters", ())
        if parameter["in"] == "path"
    ]

    assert ids
    for path, declared in ids:
        assert declared["type"] == "integer", path
        assert declared["minimum"] == 1, path
    assert "/api/v1/organizations/{id}/" in schema["paths"]
    assert "/api/v1/people/{id}/" in schema["paths"]


def test_the_slug_redirect_is_documented(schema):
    responses = schema["paths"]["/api/v1/people/{id}/"]["get"]["responses"]

    assert "Location" in responses["301"]["headers"]
