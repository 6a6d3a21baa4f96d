# Actions store whether the public may see them and their meeting's date (actions.models),
# with partial indexes for the public's lists; actions 0003 fills them.

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("actions", "0001_initial"),
        ("meetings", "0003_stored_visibility"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="action",
            options={
                "ordering": ["meeting_date", "reference", "id"],
                "permissions": [
                    ("view_restricted_action", "Can see actions from exempt or redacted items"),
                    ("change_action_status", "Can move actions through their workflow"),
                ],
            },
        ),
        migrations.AddField(
            model_name="action",
            name="is_public",
            field=models.BooleanField(
                default=False, editable=False, help_text="The public may see it (PUBLIC_ACTION)."
            ),
        ),
        migrations.AddField(
            model_name="action",
            name="meeting_date",
            field=models.DateField(
                editable=False, help_text="The date of the meeting at which it arose.", null=True
            ),
        ),
        migrations.AddIndex(
            model_name="action",
            index=models.Index(
                condition=models.Q(
                    ("is_public", True),
                    models.Q(("status__in", ["complete", "withdrawn"]), _negated=True),
                ),
                fields=["due_date", "meeting_date", "reference", "id"],
                name="action_public_outstanding",
            ),
        ),
        migrations.AddIndex(
            model_name="action",
            index=models.Index(
                condition=models.Q(("is_public", True)),
                fields=["due_date", "meeting_date", "reference", "id"],
                name="action_public_by_due_date",
            ),
        ),
    ]
