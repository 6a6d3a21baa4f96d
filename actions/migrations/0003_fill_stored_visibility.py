# Fill the actions' stored public flag and meeting date (actions.models) for existing rows.

from django.db import migrations
from django.db.models import Exists, OuterRef, Q, Subquery

# PUBLIC_ACTION as it stands in this migration: a migration keeps the rule of its day.
PUBLIC_ACTION = (
    Q(restricted=False)
    & (Q(item__isnull=True) | Q(item__confidentiality="public"))
    & (
        Q(resolution__isnull=True)
        | Q(
            resolution__item__confidentiality="public",
            resolution__item__meeting__minutes__status__in=["published", "confirmed"],
        )
    )
)


def fill_stored_visibility(apps, schema_editor):
    Action = apps.get_model("actions", "Action")
    Meeting = apps.get_model("meetings", "Meeting")
    row = Action.objects.filter(pk=OuterRef("pk"))
    meeting_date = Meeting.objects.filter(pk=OuterRef("meeting_id")).values("date")
    Action.objects.update(
        is_public=Exists(row.filter(PUBLIC_ACTION)), meeting_date=Subquery(meeting_date[:1])
    )


class Migration(migrations.Migration):
    dependencies = [
        ("actions", "0002_stored_visibility"),
    ]

    # Undoing 0002 drops the columns, so there is nothing to empty first.
    operations = [migrations.RunPython(fill_stored_visibility, migrations.RunPython.noop)]
