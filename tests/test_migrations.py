from io import StringIO

import pytest
from django.core.management import call_command


@pytest.mark.django_db
def test_no_migrations_are_pending():
    out = StringIO()
    try:
        call_command("makemigrations", "--check", "--dry-run", stdout=out)
    except SystemExit:  # pragma: no cover - the failure path
        pytest.fail(f"Model changes lack a migration:\n{out.getvalue()}")


@pytest.mark.django_db
def test_roles_are_created_by_migrate_and_survive_a_flush():
    from django.contrib.auth.models import Group

    call_command("flush", "--no-input", verbosity=0)
    staff = Group.objects.get(name="Democratic services")
    members = Group.objects.get(name="Panel members")
    assert staff.permissions.filter(codename="change_meeting").exists()
    assert not staff.permissions.filter(codename="delete_action").exists()
    assert not staff.permissions.filter(codename="change_actionevent").exists()
    assert members.permissions.filter(codename="view_restricted_action").exists()
    assert not members.permissions.exclude(codename__startswith="view_").exists()
