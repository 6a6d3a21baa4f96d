# The site search's words kept on each row, on PostgreSQL (meetings/search.py): a column the
# database generates from the text on every write, with a GIN index, in place of the GIN index
# on the expression (0004_search_indexes). The models do not declare the columns, so no query
# but a search's reads them; elsewhere the search matches words without them.

from django.db import migrations

# (table, column, the text it holds as SQL, its index, the expression index it replaces);
# the text as SearchVector joins several fields: each or '', with a space between.
COLUMNS = [
    (
        "meetings_resolution",
        "search_vector",
        "COALESCE(text, '')",
        "resolution_words",
        "resolution_text_search",
    ),
    (
        "meetings_agendaitem",
        "minutes_search_vector",
        "COALESCE(minutes_text, '')",
        "item_minute_words",
        "item_minute_search",
    ),
    (
        "meetings_agendaitem",
        "agenda_search_vector",
        "COALESCE(title, '') || ' ' || COALESCE(description, '')",
        "item_agenda_words",
        "item_agenda_search",
    ),
]


def add_columns(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table, column, text, index, expression_index in COLUMNS:
        schema_editor.execute(
            f"ALTER TABLE {table} ADD COLUMN {column} tsvector "
            f"GENERATED ALWAYS AS (to_tsvector('english'::regconfig, {text})) STORED"
        )
        schema_editor.execute(f"CREATE INDEX {index} ON {table} USING gin ({column})")
        schema_editor.execute(f"DROP INDEX IF EXISTS {expression_index}")


def drop_columns(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table, column, text, _, expression_index in COLUMNS:
        schema_editor.execute(f"ALTER TABLE {table} DROP COLUMN {column}")
        schema_editor.execute(
            f"CREATE INDEX {expression_index} ON {table} "
            f"USING gin (to_tsvector('english'::regconfig, {text}))"
        )


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0007_removals"),
    ]

    operations = [
        migrations.RunPython(add_columns, drop_columns, elidable=False),
    ]
