"""Load the Panel's real record, its action log and the demo log-ins. Safe to run again."""

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from actions.demo import load_demo
from meetings.importing.report import ImportRefused


def _row_counts():
    models = [
        *apps.get_app_config("meetings").get_models(),
        *apps.get_app_config("actions").get_models(),
    ]
    return {model: model.objects.count() for model in [*models, get_user_model()]}


class Command(BaseCommand):
    help = (
        "Load the demo data: the Panel's and the Corporate Governance Board's 2023 record, read "
        "from demo/papers/ by the importer and completed from demo/record.toml, with their "
        "actions and the demo log-ins. Running it again changes nothing."
    )

    def handle(self, *args, **options):
        before = _row_counts()
        try:
            with transaction.atomic():
                results = load_demo()
        except (LookupError, ImportRefused) as error:
            raise CommandError(str(error)) from error
        created = [
            (model._meta.verbose_name_plural, count - before[model])
            for model, count in _row_counts().items()
            if count != before[model]
        ]
        if not created:
            self.stdout.write("Demo data already loaded: nothing to add.")
            return
        self.stdout.write(self.style.SUCCESS("Demo data loaded:"))
        for name, count in created:
            self.stdout.write(f"  {count:>4} {name}")
        for result in results:
            self.stdout.write(result.report.as_text())
