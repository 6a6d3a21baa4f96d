# Each action's words kept on its row, on PostgreSQL (meetings/search.py): a column the database
# generates from the text on every write, with a GIN index, in place of the GIN index on the
# expression (0004_search_indexes). The model does not declare it, so no query but a search's
# reads it.

from django.db import migrations

TEXT = "COALESCE(text, '')"


def add_column(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        "ALTER TABLE actions_action ADD COLUMN search_vector tsvector "
        f"GENERATED ALWAYS AS (to_tsvector('english'::regconfig, {TEXT})) STORED"
    )
    schema_editor.execute("CREATE INDEX action_words ON actions_action USING gin (search_vector)")
    schema_editor.execute("DROP INDEX IF EXISTS action_text_search")


def drop_column(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("ALTER TABLE actions_action DROP COLUMN search_vector")
    schema_editor.execute(
        "CREATE INDEX action_text_search ON actions_action "
        f"USING gin (to_tsvector('english'::regconfig, {TEXT}))"
    )


class Migration(migrations.Migration):
    dependencies = [
        ("actions", "0009_updated_at"),
        ("meetings", "0008_search_vectors"),
    ]

    operations = [
        migrations.RunPython(add_column, drop_column, elidable=False),
    ]
