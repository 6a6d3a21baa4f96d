"""PostgreSQL plans a repeated query once (panel/settings.py, DATABASE_SERVER_SIDE_BINDING):
the server binds the parameters, and psycopg prepares a statement a connection has run five
times, so a page's queries stop being planned afresh on every request."""

import pytest
from django.db import connection

from actions.models import Action
from meetings.visibility import Audience
from tests.factories import ActionFactory
from tests.test_security import production_env, run_manage

pytestmark = pytest.mark.postgres_only


def prepared_statements():
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        return [row[0] for row in cursor.fetchall()]


def test_a_query_run_again_and_again_is_prepared(db):
    ActionFactory.create_batch(3)
    outstanding = Action.objects.visible_to(Audience()).outstanding().with_rag()

    for _ in range(6):
        assert len(outstanding.all()) == 3

    # The outstanding actions, with their values ($1, $2, ...) bound by the server.
    statements = [s for s in prepared_statements() if 'FROM "actions_action"' in s]
    assert statements and all("$1" in s for s in statements)


def test_the_switch_takes_only_one_or_nought():
    env = production_env(
        DJANGO_SECRET_KEY="x" * 50,
        DJANGO_ALLOWED_HOSTS="panel.example.org",
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/postgres",
        DATABASE_SERVER_SIDE_BINDING="yes",
    )

    result = run_manage("check", env=env)

    assert result.returncode != 0
    assert "DATABASE_SERVER_SIDE_BINDING='yes' is neither 1 (on) nor 0 (off)" in result.stderr
