# GIN indexes for the site search's full-text matching (meetings/search_kinds.py), on
# PostgreSQL only: elsewhere the search matches words without an index, and these do nothing.
# Each index's expression is the kind's SearchVector exactly, or PostgreSQL will not use it.

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector
from django.db import migrations

INDEXES = {
    "resolution": [
        GinIndex(SearchVector("text", config="english"), name="resolution_text_search"),
    ],
    "agendaitem": [
        GinIndex(SearchVector("minutes_text", config="english"), name="item_minute_search"),
        GinIndex(SearchVector("title", "description", config="english"), name="item_agenda_search"),
    ],
    "person": [GinIndex(SearchVector("search_name", config="simple"), name="person_name_search")],
    "personalias": [
        GinIndex(SearchVector("normalised", config="simple"), name="person_alias_search")
    ],
}


def add_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for model_name, indexes in INDEXES.items():
        model = apps.get_model("meetings", model_name)
        for index in indexes:
            schema_editor.add_index(model, index)


def remove_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for model_name, indexes in INDEXES.items():
        model = apps.get_model("meetings", model_name)
        for index in indexes:
            schema_editor.remove_index(model, index)


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0003_stored_visibility"),
    ]

    operations = [
        migrations.RunPython(add_indexes, remove_indexes, elidable=False),
    ]
