"""The site's configuration of Django's admin."""

from django.contrib.admin.apps import AdminConfig


class PanelAdminConfig(AdminConfig):
    """Django's admin, with django-rest-knox's API token admin replaced by ours.

    Knox's own admin lets anyone with its permissions make a token for any user, and so act as
    them. It registers itself when the admin discovers each app's admin module, so it can only
    be replaced after that, here.
    """

    def ready(self):
        super().ready()
        from django.contrib import admin
        from knox.models import AuthToken

        from panel.admin import ApiTokenAdmin

        admin.site.unregister(AuthToken)
        admin.site.register(AuthToken, ApiTokenAdmin)
