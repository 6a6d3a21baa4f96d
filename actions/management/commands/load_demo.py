"""Load the Panel's real record, its action log and the demo log-ins. Safe to run again."""

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from actions.demo import load_actions, load_users
from meetings.demo import load_record


def _counted_models():
    return [
        *apps.get_app_config("meetings").get_models(),
        *apps.get_app_config("actions").get_models(),
        get_user_model(),
    ]


def _row_counts():
    return {model: model.objects.count() for model in _counted_models()}


class Command(BaseCommand):
    help = (
        "Load the demo data: the Panel's and the Corporate Governance Board's 2023 record from "
        "the seed papers, their actions, and the demo log-ins. Running it again changes nothing."
    )

    def handle(self, *args, **options):
        before = _row_counts()
        try:
            with transaction.atomic():
                users = load_users()
                load_record(actor=users["officer"])
                load_actions(actor=users["officer"])
        except LookupError as error:
            raise CommandError(str(error)) from error
        after = _row_counts()

        created = [
            (model._meta.verbose_name_plural, after[model] - before[model])
            for model in after
            if after[model] != before[model]
        ]
        if not created:
            self.stdout.write("Demo data already loaded: nothing to add.")
            return
        self.stdout.write(self.style.SUCCESS("Demo data loaded:"))
        for name, count in created:
            self.stdout.write(f"  {count:>4} {name}")
