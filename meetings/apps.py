from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.utils.module_loading import autodiscover_modules


class MeetingsConfig(AppConfig):
    name = "meetings"
    verbose_name = "The record"

    def ready(self):
        from panel import record_version

        # Every write to the record, by whatever path, bumps the record version that cached
        # pages are keyed on (panel/record_version.py).
        connection_created.connect(record_version.install, dispatch_uid="panel.record_version")
        record_version.install_on_open_connections()
        # What mirrors of the open data need (meetings/sync.py): each app's ``sync`` module
        # declares its API lists, the parents its rows touch and the tombstones they leave.
        # Discovered rather than imported: meetings never imports actions.
        autodiscover_modules("sync")
