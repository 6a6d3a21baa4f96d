"""Permissions of a signed-in user, kept under the record version rather than read each time.

Django's ``ModelBackend`` reads a user's permissions with two queries (their own and their
groups'), once per request; every page a member or officer opens asks (``Audience`` does), so
those two queries were a tenth of a signed-in page. The set is kept under the record version,
in each process and in the shared cache (``per_version_shared``), which the tables that grant permissions (groups, memberships of groups and
the permissions given to either) bump when written, as the record's own tables do
(``panel.record_version.AUTH_TABLES``): a permission granted or taken away applies to the
user's next request, on every server.

A user's flags (``is_active``, ``is_superuser``) come from their row, which is read afresh
for each request as before; a superuser's set is every permission, also cached.
"""

from django.contrib.auth.backends import ModelBackend
from django.db import connection

from panel.record_version import per_version_shared

TIMEOUT = 60 * 60  # a backstop: the version in the key retires a stale set at once


class CachedPermissionsBackend(ModelBackend):
    """``ModelBackend`` whose ``get_all_permissions`` is cached per user and record version."""

    def get_all_permissions(self, user_obj, obj=None):
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        if hasattr(user_obj, "_perm_cache"):
            return user_obj._perm_cache
        if connection.in_atomic_block:
            # A transaction may have changed them, and bumps the version only at commit.
            return super().get_all_permissions(user_obj)
        key = f"perms:{user_obj.pk}:{int(user_obj.is_superuser)}"
        read = super().get_all_permissions
        perms = per_version_shared(key, lambda: read(user_obj), TIMEOUT)
        user_obj._perm_cache = perms
        return perms
