# The sortable form of each action's reference, and the list indexes that sort by it.

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("actions", "0005_progress_updates"),
        ("meetings", "0004_search_indexes"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="action",
            options={
                "ordering": ["meeting_date", "reference_key", "id"],
                "permissions": [
                    ("view_restricted_action", "Can see actions from exempt or redacted items"),
                    ("change_action_status", "Can move actions through their workflow"),
                ],
            },
        ),
        migrations.RemoveIndex(
            model_name="action",
            name="action_public_outstanding",
        ),
        migrations.RemoveIndex(
            model_name="action",
            name="action_public_by_due_date",
        ),
        migrations.AddField(
            model_name="action",
            name="reference_key",
            field=models.CharField(
                blank=True, editable=False, help_text="The reference, sortable.", max_length=100
            ),
        ),
        migrations.AddIndex(
            model_name="action",
            index=models.Index(
                condition=models.Q(
                    ("is_public", True),
                    models.Q(("status__in", ["complete", "withdrawn"]), _negated=True),
                ),
                fields=["due_date", "meeting_date", "reference_key", "id"],
                name="action_public_outstanding",
            ),
        ),
        migrations.AddIndex(
            model_name="action",
            index=models.Index(
                condition=models.Q(("is_public", True)),
                fields=["due_date", "meeting_date", "reference_key", "id"],
                name="action_public_by_due_date",
            ),
        ),
        migrations.AddIndex(
            model_name="action",
            index=models.Index(
                fields=["meeting", "reference_key", "id"], name="action_meeting_reference"
            ),
        ),
    ]
