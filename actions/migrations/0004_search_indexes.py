# The GIN index for the site search's full-text matching of actions (actions/search.py), on
# PostgreSQL only: elsewhere the search matches words without an index, and this does nothing.
# The expression is the kind's SearchVector exactly, or PostgreSQL will not use it.

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector
from django.db import migrations

INDEX = GinIndex(SearchVector("text", config="english"), name="action_text_search")


def add_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.add_index(apps.get_model("actions", "Action"), INDEX)


def remove_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.remove_index(apps.get_model("actions", "Action"), INDEX)


class Migration(migrations.Migration):
    dependencies = [
        ("actions", "0003_fill_stored_visibility"),
        ("meetings", "0004_search_indexes"),
    ]

    operations = [
        migrations.RunPython(add_index, remove_index, elidable=False),
    ]
