"""PostgreSQL's full-text search (meetings.search): forms of a word, phrases, words left out,
ranking, and the GIN indexes the search_indexes migrations build."""

import datetime

import pytest
from django.db import connection

from meetings import search
from meetings.visibility import Audience
from tests.test_search import DECISIONS_URL, decision, funding, meeting, page_text

__all__ = ["funding"]  # a fixture, used by name

pytestmark = pytest.mark.postgres_only


def test_full_text_search_matches_forms_of_a_word(client, funding):
    text = page_text(client.get(DECISIONS_URL, {"q": "update funded"}))

    assert "That regular updates on S106 funding be brought back." in text


def test_full_text_search_takes_phrases_and_left_out_words(client, db):
    held = meeting(datetime.date(2023, 7, 26))
    decision(held, "That the fleet report be noted.", order=1)
    decision(held, "That the report on the fleet be noted.", order=2)

    phrase = page_text(client.get(DECISIONS_URL, {"q": '"fleet report"'}))
    left_out = page_text(client.get(DECISIONS_URL, {"q": "report -fleet"}))

    assert "That the fleet report be noted." in phrase
    assert "That the report on the fleet be noted." not in phrase
    assert "0 decisions" in left_out


def test_full_text_search_ranks_the_best_match_first(client, db):
    older = meeting(datetime.date(2023, 1, 1))
    newer = meeting(datetime.date(2023, 7, 26))
    decision(
        older, "That the custody visiting report, the custody audit and custody costs be noted."
    )
    decision(newer, "That the custody report be noted.")

    rows = client.get(DECISIONS_URL, {"q": "custody"}).context["resolutions"]

    assert [r.item.meeting.date for r in rows] == [older.date, newer.date]
    assert "best matches first" in page_text(client.get(DECISIONS_URL, {"q": "custody"}))


@pytest.mark.parametrize(
    ("key", "index"),
    [
        ("decisions", "resolution_text_search"),
        ("minutes", "item_minute_search"),
        ("items", "item_agenda_search"),
        ("actions", "action_text_search"),
        ("people", "person_name_search"),
        ("people", "person_alias_search"),
    ],
)
def test_full_text_search_uses_its_gin_index(db, key, index):
    kind = search.find_kind(key)
    readable = kind.readable(Audience())
    # The words alone, on the kind's own table: whether the audience may read a row is
    # served by other (partial) indexes, which the planner may prefer on tiny tables.
    rows = kind.match(readable.model._default_manager.all(), "budget").order_by()
    sql, params = rows.query.sql_with_params()

    with connection.cursor() as cursor:
        # Statistics left by earlier tests (tables nearly empty) would let the planner read
        # rows in some other index's order and filter them; forbid every plain scan, so the
        # words can only be found through an index built for them.
        cursor.execute("ANALYZE")
        for method in ("seqscan", "indexscan", "indexonlyscan"):
            cursor.execute(f"SET LOCAL enable_{method} = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())

    assert f"Bitmap Index Scan on {index}" in plan
