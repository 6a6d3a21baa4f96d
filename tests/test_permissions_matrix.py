"""Every page and API endpoint, requested as each role, gets exactly the access it should.

Roles use the groups the roles migration creates: anonymous, a Panel member, an action owner
(a plain log-in answering for the OPCC's actions) and democratic services (staff).
"""

import pytest
from django.contrib.auth.models import Group

from actions import services
from actions.models import Action

ROLES = ("anonymous", "member", "owner", "officer")
OK, LOGIN, NOT_FOUND, FORBIDDEN, UNAUTHENTICATED = 200, 302, 404, 403, 401


@pytest.fixture
def world(record, django_user_model):
    member = django_user_model.objects.create_user("matrix-member")
    member.groups.add(Group.objects.get(name="Panel members"))
    owner_user = django_user_model.objects.create_user("matrix-owner")
    officer = django_user_model.objects.create_user("matrix-officer", is_staff=True)
    officer.groups.add(Group.objects.get(name="Democratic services"))

    opcc = services.owner_for("OPCC")
    opcc.users.add(owner_user)
    public_item = record.july_items[2]
    public = services.action_create(
        meeting=record.july,
        item=public_item,
        reference="10.2",
        text="Regular updates on S106 funding to be brought to the Panel",
        owners=[opcc],
    )
    restricted = services.action_create(
        meeting=record.august,
        item=record.august_private,
        reference="5.1",
        text="Confidential follow-up on the candidate's references",
        owners=[opcc],
    )
    return {
        "users": {"anonymous": None, "member": member, "owner": owner_user, "officer": officer},
        "record": record,
        "public": public,
        "restricted": restricted,
    }


def minutes_step(minutes, step):
    return f"/admin/meetings/minutes/{minutes.pk}/step/{step}/"


def action_step(action, step):
    return f"/admin/actions/action/{action.pk}/step/{step}/"


def pages(world):
    """(label, url, {role: expected status}) for every page and endpoint."""
    r = world["record"]
    public, restricted = world["public"], world["restricted"]
    everyone = dict.fromkeys(ROLES, OK)
    staff_only_page = {
        "anonymous": NOT_FOUND,
        "member": NOT_FOUND,
        "owner": NOT_FOUND,
        "officer": OK,
    }
    entitled = {"anonymous": NOT_FOUND, "member": OK, "owner": NOT_FOUND, "officer": OK}
    # An owner answers for their actions, restricted ones included.
    owned = {**entitled, "owner": OK}
    admin_only = {"anonymous": LOGIN, "member": LOGIN, "owner": LOGIN, "officer": OK}
    # The minutes' workflow API: democratic services only, drafts included.
    staff_api = {"anonymous": UNAUTHENTICATED, "member": FORBIDDEN, "owner": FORBIDDEN}
    staff_api["officer"] = OK
    return [
        ("home", "/", everyone),
        ("meetings", "/meetings/", everyone),
        ("meeting", f"/meetings/{r.august.pk}/", everyone),
        ("published minutes", f"/meetings/{r.august.pk}/minutes/", everyone),
        ("minutes pdf", f"/meetings/{r.august.pk}/minutes.pdf", everyone),
        ("draft minutes", f"/meetings/{r.october.pk}/minutes/", staff_only_page),
        ("draft minutes pdf", f"/meetings/{r.october.pk}/minutes.pdf", staff_only_page),
        ("members", "/members/", everyone),
        ("bodies", "/bodies/", everyone),
        ("body", f"/bodies/{r.panel.slug}/", everyone),
        ("decisions", "/decisions/", everyone),
        ("work programme", "/work-programme/", everyone),
        ("search", "/search/?q=report", everyone),
        ("calendar", "/calendar.ics", everyone),
        ("action log", "/actions/", everyone),
        ("action csv", "/actions/export.csv", everyone),
        ("public action", f"/actions/{public.pk}/", everyone),
        ("restricted action", f"/actions/{restricted.pk}/", owned),
        ("my actions", "/actions/mine/", {**everyone, "anonymous": LOGIN}),
        ("report", f"/actions/report/{r.october.pk}/", everyone),
        ("api events", "/api/v1/events/", everyone),
        ("api event", f"/api/v1/events/{r.august.pk}/", everyone),
        ("api actions", "/api/v1/actions/", everyone),
        ("api public action", f"/api/v1/actions/{public.pk}/", everyone),
        ("api restricted action", f"/api/v1/actions/{restricted.pk}/", owned),
        ("api schema", "/api/schema/", everyone),
        ("admin index", "/admin/", admin_only),
        ("admin meetings", "/admin/meetings/meeting/", admin_only),
        ("admin actions", "/admin/actions/action/", admin_only),
        ("admin action step", action_step(public, "withdraw"), admin_only),
        ("admin import", "/admin/import/", admin_only),
        ("api minutes", "/api/v1/minutes/", staff_api),
        ("api draft minutes", f"/api/v1/minutes/{r.october_minutes.pk}/", staff_api),
        ("admin minutes", f"/admin/meetings/minutes/{r.august_minutes.pk}/change/", admin_only),
        ("admin confirm minutes", minutes_step(r.august_minutes, "confirm"), admin_only),
        ("admin correct minutes", minutes_step(r.july_minutes, "correct"), admin_only),
        ("admin withdraw minutes", minutes_step(r.august_minutes, "unpublish"), admin_only),
    ]


CASES = [
    (label, role)
    for label in [
        "home",
        "meetings",
        "meeting",
        "published minutes",
        "minutes pdf",
        "draft minutes",
        "draft minutes pdf",
        "members",
        "bodies",
        "body",
        "decisions",
        "work programme",
        "search",
        "calendar",
        "action log",
        "action csv",
        "public action",
        "restricted action",
        "my actions",
        "report",
        "api events",
        "api event",
        "api actions",
        "api public action",
        "api restricted action",
        "api schema",
        "admin index",
        "admin meetings",
        "admin actions",
        "admin action step",
        "admin import",
        "api minutes",
        "api draft minutes",
        "admin minutes",
        "admin confirm minutes",
        "admin correct minutes",
        "admin withdraw minutes",
    ]
    for role in ROLES
]


@pytest.mark.parametrize(("label", "role"), CASES)
def test_access(client, world, label, role):
    (url, expected) = next((url, exp) for lab, url, exp in pages(world) if lab == label)
    user = world["users"][role]
    if user is not None:
        client.force_login(user)
    response = client.get(url)
    assert response.status_code == expected[role], f"{role} GET {url}"


def test_the_matrix_names_every_case(world):
    assert sorted(label for label, _, _ in pages(world)) == sorted({label for label, _ in CASES})


TRANSITION_EXPECTED = {
    "anonymous": (UNAUTHENTICATED, FORBIDDEN),
    "member": (FORBIDDEN,),
    "owner": (FORBIDDEN,),
    "officer": (OK,),
}


@pytest.mark.parametrize("role", ROLES)
def test_completing_an_action_through_the_api(client, world, role):
    action = world["public"]
    user = world["users"][role]
    if user is not None:
        client.force_login(user)
    client.handler.enforce_csrf_checks = False
    response = client.post(
        f"/api/v1/actions/{action.pk}/complete/", {"note": "Done"}, content_type="application/json"
    )
    assert response.status_code in TRANSITION_EXPECTED[role]
    action.refresh_from_db()
    completed = action.status == Action.Status.COMPLETE
    assert completed is (role == "officer")
    assert action.history.count() == (2 if role == "officer" else 1)


@pytest.mark.parametrize("role", ROLES)
def test_restricted_action_transition_is_not_even_found_by_the_public(client, world, role):
    action = world["restricted"]
    user = world["users"][role]
    if user is not None:
        client.force_login(user)
    response = client.post(
        f"/api/v1/actions/{action.pk}/start/", {}, content_type="application/json"
    )
    expected = {
        "anonymous": (UNAUTHENTICATED, FORBIDDEN, NOT_FOUND),
        "member": (FORBIDDEN,),
        "owner": (FORBIDDEN, NOT_FOUND),
        "officer": (OK,),
    }[role]
    assert response.status_code in expected
    action.refresh_from_db()
    assert (action.status == Action.Status.IN_PROGRESS) is (role == "officer")


@pytest.mark.parametrize("role", ["anonymous", "member", "owner"])
def test_only_staff_may_post_admin_workflows(client, world, role):
    user = world["users"][role]
    if user is not None:
        client.force_login(user)
    response = client.post(
        "/admin/actions/action/",
        {"action": "complete_actions", "_selected_action": [world["public"].pk]},
    )
    assert response.status_code == LOGIN
    world["public"].refresh_from_db()
    assert world["public"].status == Action.Status.OPEN


@pytest.mark.parametrize("role", ROLES)
def test_publishing_minutes_through_the_api(client, world, role):
    minutes = world["record"].october_minutes
    user = world["users"][role]
    if user is not None:
        client.force_login(user)
    response = client.post(
        f"/api/v1/minutes/{minutes.pk}/publish/", {}, content_type="application/json"
    )
    expected = {"anonymous": UNAUTHENTICATED, "member": FORBIDDEN, "owner": FORBIDDEN}
    assert response.status_code == expected.get(role, OK)
    minutes.refresh_from_db()
    assert (minutes.status == "published") is (role == "officer")
    assert minutes.history.count() == (2 if role == "officer" else 1)


@pytest.mark.parametrize("role", ["anonymous", "member", "owner"])
def test_only_staff_may_take_a_minutes_step_in_the_admin(client, world, role):
    minutes = world["record"].october_minutes
    user = world["users"][role]
    if user is not None:
        client.force_login(user)
    response = client.post(minutes_step(minutes, "publish"), {"note": "Forged"})
    assert response.status_code == LOGIN
    minutes.refresh_from_db()
    assert minutes.status == "draft"


@pytest.mark.parametrize("role", ["anonymous", "member", "owner"])
def test_only_staff_may_take_an_action_step_in_the_admin(client, world, role):
    action = world["public"]
    user = world["users"][role]
    if user is not None:
        client.force_login(user)
    response = client.post(action_step(action, "withdraw"), {"reason": "Forged"})
    assert response.status_code == LOGIN
    action.refresh_from_db()
    assert action.status == "open"
    assert action.history.count() == 1
