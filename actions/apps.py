from django.apps import AppConfig
from django.db.models.signals import post_migrate


class ActionsConfig(AppConfig):
    name = "actions"
    verbose_name = "Action log"

    def ready(self):
        from actions.roles import sync_roles

        # "actions" is the last app installed, so every permission exists by the time
        # its post_migrate signal is sent.
        post_migrate.connect(sync_roles, sender=self, dispatch_uid="actions.sync_roles")
