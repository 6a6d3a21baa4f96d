"""PostgreSQL's full-text search (meetings.search): forms of a word, phrases, words left out,
ranking, the words stored for it and the GIN indexes the search_indexes and search_vectors
migrations build."""

import datetime

import pytest
from django.db import connection

from meetings import search
from meetings.models import Resolution
from meetings.visibility import Audience
from tests.factories import ActionFactory
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
        ("decisions", "resolution_words"),
        ("minutes", "item_minute_words"),
        ("items", "item_agenda_words"),
        ("actions", "action_words"),
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


def test_a_decisions_stored_words_follow_its_text_on_every_write_path(client, db):
    """The database keeps each resolution's search vector: a save, a queryset update and a
    bulk insert (the importer's) are all found by their new words, never their old ones."""
    held = meeting(datetime.date(2023, 7, 26))
    saved = decision(held, "That the fleet report be noted.", order=1)
    updated = decision(held, "That the estates strategy be noted.", order=2)
    item = decision(held, "Placeholder.", order=3).item
    Resolution.objects.bulk_create([Resolution(item=item, number=2, text="That drones be bought.")])

    saved.text = "That the custody audit be noted."
    saved.save()
    Resolution.objects.filter(pk=updated.pk).update(text="That the estates plan be deferred.")

    def found(words):
        return page_text(client.get(DECISIONS_URL, {"q": words}))

    assert "That the custody audit be noted." in found("audits")
    assert "0 decisions" in found("fleet")
    assert "That the estates plan be deferred." in found("deferring")
    assert "0 decisions" in found("strategy")
    # A bulk insert sets no stored visibility (the importer does that next): its words alone.
    decisions = search.find_kind("decisions")
    bought = decisions.match(Resolution.objects.all(), "drone")
    assert [r.text for r in bought] == ["That drones be bought."]


@pytest.mark.parametrize("key", ["decisions", "minutes", "items", "actions"])
def test_a_search_reads_stored_words_rather_than_working_them_out(db, key):
    """Each row is tested and ranked against its stored vector: the plan never works one out
    from the text (~5 microseconds a row, for every row a common word's search reads)."""
    kind = search.find_kind(key)
    matched = kind.match(kind.readable(Audience()), "report")
    ranked = matched.annotate(score=kind.rank("report")).order_by("-score")

    for query in (matched, ranked):
        sql, params = query.query.sql_with_params()
        with connection.cursor() as cursor:
            cursor.execute(f"EXPLAIN VERBOSE {sql}", params)
            plan = "\n".join(row[0] for row in cursor.fetchall())
        assert kind.stored_vector in plan
        assert "to_tsvector" not in plan


@pytest.mark.parametrize(
    "url",
    [
        "/meetings/{meeting}/",
        "/meetings/{meeting}/minutes/",
        "/actions/",
        "/decisions/",
        "/api/v1/motions/",
        "/api/v1/actions/",
        "/api/v1/events/{meeting}/",
    ],
)
def test_pages_leave_the_stored_search_words_in_the_database(client, db, url):
    """Only a search reads a row's stored words, and there in the database: pages and API
    answers that load (or join) decisions, items and actions never fetch them."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    held = meeting(datetime.date(2023, 7, 26))
    made = decision(held, "That the fleet report be noted.")
    Resolution.objects.create(
        item=made.item, number=2, text="That the budget be agreed.", is_motion=True
    )
    ActionFactory(meeting=held, item=made.item, text="Report on the fleet.")

    with CaptureQueriesContext(connection) as queries:
        response = client.get(url.format(meeting=held.pk))

    assert response.status_code == 200
    assert "fleet" in response.content.decode().lower() or "budget" in response.content.decode()
    assert not [q["sql"] for q in queries.captured_queries if "search_vector" in q["sql"]]


@pytest.mark.parametrize("key", ["decisions", "minutes", "items", "actions"])
def test_the_stored_words_are_those_the_search_would_work_out_from_the_text(db, key):
    from django.contrib.postgres.search import SearchVector

    held = meeting(datetime.date(2023, 7, 26))
    made = decision(held, "That the fleets' reports be noted.", description="Drones and fleet.")
    made.item.minutes_text = "The Panel discussed the reporting of drone flights."
    made.item.save()
    ActionFactory(meeting=held, item=made.item, text="Report on the drones, fleet by fleet.")
    kind = search.find_kind(key)

    rows = kind.readable(Audience()).model._default_manager.annotate(
        stored=kind.vector(), worked_out=SearchVector(*kind.fields, config=kind.config)
    )

    pairs = [(row.stored, row.worked_out) for row in rows]
    assert pairs and all(stored == worked_out for stored, worked_out in pairs)
    assert any("drone" in stored or "report" in stored for stored, _ in pairs)


@pytest.mark.parametrize("audience", ["public", "staff"])
def test_a_common_words_actions_are_read_newest_first_from_an_index(db, staff_user, audience):
    """Past the cap a search's results come newest first: read in that order from an index
    and kept as they match, not every match sorted (7,346 actions say "report" nationally:
    10 ms of sorting for the six the site search shows)."""
    kind = search.find_kind("actions")
    reader = Audience(staff_user) if audience == "staff" else Audience()
    rows = kind.match(kind.readable(reader), "report").order_by("-meeting_date", "-pk")[:6]
    sql, params = rows.query.sql_with_params()

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
        # On tables this small a sort is always cheaper: forbid it, so that the order can
        # only come from an index built for it.
        for method in ("sort", "incremental_sort", "seqscan", "bitmapscan"):
            cursor.execute(f"SET LOCAL enable_{method} = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())

    assert "Index Scan using action_newest" in plan, plan
    assert " Sort" not in plan
