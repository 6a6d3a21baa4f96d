# Resolutions store who may read them and their meeting's date (meetings.models.record),
# filled here for the rows that exist.

from django.db import migrations, models
from django.db.models import Exists, OuterRef, Q, Subquery

# The rules as they stand in this migration (PUBLISHED_RESOLUTION, PUBLIC_RESOLUTION): a
# migration keeps the rules of its day, so later changes to the code do not change it.
PUBLISHED = Q(item__meeting__minutes__status__in=["published", "confirmed"])
PUBLIC = PUBLISHED & Q(item__confidentiality="public")


def fill_stored_visibility(apps, schema_editor):
    Resolution = apps.get_model("meetings", "Resolution")
    AgendaItem = apps.get_model("meetings", "AgendaItem")
    row = Resolution.objects.filter(pk=OuterRef("pk"))
    meeting_date = AgendaItem.objects.filter(pk=OuterRef("item_id")).values("meeting__date")
    Resolution.objects.update(
        is_published=Exists(row.filter(PUBLISHED)),
        is_public=Exists(row.filter(PUBLIC)),
        meeting_date=Subquery(meeting_date[:1]),
    )


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0002_paper_private_names"),
    ]

    operations = [
        migrations.AddField(
            model_name="resolution",
            name="is_public",
            field=models.BooleanField(
                default=False,
                editable=False,
                help_text="The public may read it (PUBLIC_RESOLUTION).",
            ),
        ),
        migrations.AddField(
            model_name="resolution",
            name="is_published",
            field=models.BooleanField(
                default=False,
                editable=False,
                help_text="In published minutes (PUBLISHED_RESOLUTION).",
            ),
        ),
        migrations.AddField(
            model_name="resolution",
            name="meeting_date",
            field=models.DateField(
                editable=False, help_text="The date of its item's meeting.", null=True
            ),
        ),
        migrations.AddIndex(
            model_name="resolution",
            index=models.Index(
                condition=models.Q(("is_public", True)),
                fields=["-meeting_date", "id"],
                name="resolution_public_newest",
            ),
        ),
        migrations.AddIndex(
            model_name="resolution",
            index=models.Index(
                condition=models.Q(("is_published", True)),
                fields=["-meeting_date", "id"],
                name="resolution_published_newest",
            ),
        ),
        # Undoing drops the columns, so there is nothing to empty first.
        migrations.RunPython(fill_stored_visibility, migrations.RunPython.noop),
    ]
