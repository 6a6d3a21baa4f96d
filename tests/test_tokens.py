"""Personal API tokens: made and revoked by their owners at /accounts/tokens/, stored hashed,
expiring, shown once, and never visible to or usable by anyone else."""

import datetime
import re
from zoneinfo import ZoneInfo

import pytest
from django.test import Client
from knox.models import AuthToken

from actions import services
from actions.models import ActionEvent
from tests.factories import BodyFactory, MeetingFactory

pytestmark = pytest.mark.django_db

TOKENS = "/accounts/tokens/"
NOW = datetime.datetime(2023, 10, 2, 9, tzinfo=ZoneInfo("Europe/London"))


@pytest.fixture(autouse=True)
def now(time_machine):
    time_machine.move_to(NOW, tick=False)
    return time_machine


@pytest.fixture
def officer(staff_user):
    client = Client()
    client.force_login(staff_user)
    return client


@pytest.fixture
def superuser(admin_user):
    client = Client()
    client.force_login(admin_user)
    return client


def make_token(client):
    """Make a token on the page, as a person does, and return the secret it shows."""
    response = client.post(TOKENS)
    assert response.status_code == 201
    return re.search(r'id="new-token" type="text" value="([^"]+)"', response.content.decode())[1]


@pytest.fixture
def action(db):
    body = BodyFactory(name="Corporate Governance Board", slug="cgb")
    meeting = MeetingFactory(body=body, date=datetime.date(2023, 6, 21), status="held")
    return services.action_create(
        meeting=meeting, reference="8b", text="Consider gaps in stalking victim support"
    )


def listed(client):
    """The tokens on the user's page, by the characters each begins with."""
    return re.findall(r"the token beginning (\w+)<", client.get(TOKENS).content.decode())


def complete(action, secret):
    return Client(headers={"authorization": f"Token {secret}"}).post(
        f"/api/v1/actions/{action.pk}/complete/",
        {"note": "Gap analysis shared"},
        content_type="application/json",
    )


# --- Making a token -----------------------------------------------------------------------


def test_staff_see_a_new_token_once(officer):
    secret = make_token(officer)

    assert len(secret) == 64
    assert secret not in officer.get(TOKENS).content.decode()


def test_the_page_that_shows_a_secret_is_not_cached(officer):
    response = officer.post(TOKENS)

    assert "no-store" in response["Cache-Control"]


def test_a_token_is_stored_only_as_a_digest(officer, staff_user):
    secret = make_token(officer)

    (token,) = AuthToken.objects.filter(user=staff_user).values()
    assert secret not in token.values()
    assert token["digest"] != secret
    assert secret.startswith(token["token_key"])


def test_a_new_token_expires_after_90_days(officer, staff_user):
    make_token(officer)

    token = AuthToken.objects.get(user=staff_user)
    assert token.expiry == NOW.astimezone(datetime.UTC) + datetime.timedelta(days=90)
    assert "31 December 2023" in officer.get(TOKENS).content.decode()


def test_an_expired_token_is_refused(officer, action, now):
    secret = make_token(officer)
    now.move_to(NOW + datetime.timedelta(days=90, seconds=1))

    response = complete(action, secret)

    assert response.status_code == 401
    assert action.history.count() == 1


def test_the_eleventh_token_is_refused_with_a_message(officer, staff_user):
    for _ in range(10):
        make_token(officer)

    response = officer.post(TOKENS)

    assert response.status_code == 200
    assert "You already have 10 tokens" in response.content.decode()
    assert 'id="new-token"' not in response.content.decode()
    assert AuthToken.objects.filter(user=staff_user).count() == 10


def test_expired_tokens_do_not_count_towards_the_limit(officer, staff_user, now):
    for _ in range(10):
        make_token(officer)
    now.move_to(NOW + datetime.timedelta(days=91))
    officer.force_login(staff_user)  # the session has long expired too

    secret = make_token(officer)

    assert listed(officer) == [secret[:8]]


# --- Using it -----------------------------------------------------------------------------


def test_a_change_made_with_a_token_is_recorded_as_its_owners(officer, superuser, action):
    make_token(superuser)
    secret = make_token(officer)

    response = complete(action, secret)

    assert response.status_code == 200
    assert response.json()["history"][-1]["actor"] == "officer"
    assert ActionEvent.objects.filter(action=action).last().actor.username == "officer"


def test_a_token_under_another_scheme_is_not_accepted(officer, action):
    secret = make_token(officer)

    response = Client(headers={"authorization": f"Basic {secret}"}).post(
        f"/api/v1/actions/{action.pk}/complete/", {}, content_type="application/json"
    )

    assert response.status_code == 401
    assert action.history.count() == 1


def test_a_bearer_token_is_accepted_as_generated_clients_send_it(officer, action):
    secret = make_token(officer)

    response = Client(headers={"authorization": f"Bearer {secret}"}).post(
        f"/api/v1/actions/{action.pk}/start/", {}, content_type="application/json"
    )

    assert response.status_code == 200
    assert action.history.count() == 2


# --- Nobody else's tokens -----------------------------------------------------------------


def test_the_page_lists_only_your_own_tokens(officer, superuser):
    theirs = make_token(superuser)
    mine = make_token(officer)

    assert listed(officer) == [mine[:8]]
    assert theirs[:8] not in officer.get(TOKENS).content.decode()


def test_an_officer_cannot_see_tokens_in_the_admin(officer, superuser, admin_user):
    secret = make_token(superuser)
    token = AuthToken.objects.get(user=admin_user)

    listed = officer.get("/admin/knox/authtoken/")
    shown = officer.get(f"/admin/knox/authtoken/{token.digest}/change/")

    assert (listed.status_code, shown.status_code) == (403, 403)
    assert secret[:8] not in listed.content.decode() + shown.content.decode()


def test_the_plain_text_token_admin_is_gone(superuser):
    assert superuser.get("/admin/authtoken/tokenproxy/").status_code == 404
    assert superuser.get("/admin/authtoken/token/").status_code == 404


def test_superusers_see_who_holds_tokens_but_no_secret(officer, superuser, staff_user):
    secret = make_token(officer)
    token = AuthToken.objects.get(user=staff_user)

    page = superuser.get("/admin/knox/authtoken/").content.decode()

    assert "officer" in page
    assert secret[:8] not in page
    assert token.token_key not in page


def test_no_one_makes_a_token_for_someone_else_in_the_admin(superuser, staff_user):
    response = superuser.post("/admin/knox/authtoken/add/", {"user": staff_user.pk})

    assert response.status_code == 403
    assert not AuthToken.objects.exists()


def test_superusers_revoke_a_token_in_the_admin(officer, superuser, staff_user, action):
    secret = make_token(officer)
    token = AuthToken.objects.get(user=staff_user)

    response = superuser.post(f"/admin/knox/authtoken/{token.digest}/delete/", {"post": "yes"})

    assert response.status_code == 302
    assert complete(action, secret).status_code == 401


# --- Revoking -----------------------------------------------------------------------------


def test_staff_revoke_their_own_token(officer, staff_user, action):
    secret = make_token(officer)
    token = AuthToken.objects.get(user=staff_user)

    response = officer.post(f"{TOKENS}{token.digest}/revoke/", follow=True)

    assert response.redirect_chain == [(TOKENS, 302)]
    assert "The token made on 2 October 2023, 09:00 is revoked" in response.content.decode()
    assert "You have no API tokens." in response.content.decode()
    assert complete(action, secret).status_code == 401


def test_nobody_revokes_someone_elses_token(officer, superuser, admin_user):
    make_token(superuser)
    token = AuthToken.objects.get(user=admin_user)

    response = officer.post(f"{TOKENS}{token.digest}/revoke/")

    assert response.status_code == 404
    assert AuthToken.objects.filter(user=admin_user).count() == 1


def test_revoking_needs_a_post(officer, staff_user):
    make_token(officer)
    token = AuthToken.objects.get(user=staff_user)

    response = officer.get(f"{TOKENS}{token.digest}/revoke/")

    assert response.status_code == 405
    assert AuthToken.objects.filter(user=staff_user).count() == 1


# --- Who may use the page -----------------------------------------------------------------


def test_visitors_are_sent_to_sign_in(client):
    response = client.get(TOKENS)

    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next={TOKENS}"


@pytest.mark.parametrize("method", ["get", "post"])
def test_panel_members_cannot_have_tokens(member_client, member_user, method):
    response = getattr(member_client, method)(TOKENS)

    assert response.status_code == 403
    assert not AuthToken.objects.filter(user=member_user).exists()


# --- The API's documentation --------------------------------------------------------------


def test_the_schema_says_how_to_send_a_token():
    schema = Client().get("/api/schema/", {"format": "json"}).json()

    scheme = schema["components"]["securitySchemes"]["apiToken"]
    assert (scheme["type"], scheme["scheme"]) == ("http", "bearer")
    assert "`Authorization: Bearer <token>`" in scheme["description"]
    assert "/accounts/tokens/" in scheme["description"]
    complete_spec = schema["paths"]["/api/v1/actions/{id}/complete/"]["post"]
    assert {"apiToken": []} in complete_spec["security"]
    assert {} not in complete_spec["security"]
