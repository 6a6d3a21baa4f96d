"""Fill ``reference_key`` for the actions recorded before it existed."""

from django.db import migrations

from actions.references import reference_key

BATCH = 2000


def fill_reference_keys(apps, schema_editor):
    Action = apps.get_model("actions", "Action")
    changed = []
    for action in Action.objects.only("pk", "reference").iterator(chunk_size=BATCH):
        action.reference_key = reference_key(action.reference)
        changed.append(action)
        if len(changed) == BATCH:
            Action.objects.bulk_update(changed, ["reference_key"])
            changed = []
    Action.objects.bulk_update(changed, ["reference_key"])


class Migration(migrations.Migration):
    dependencies = [("actions", "0006_action_reference_key")]

    # Going back, the column is dropped by reversing 0006: nothing to undo here.
    operations = [migrations.RunPython(fill_reference_keys, migrations.RunPython.noop)]
