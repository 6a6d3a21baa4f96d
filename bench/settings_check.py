"""Settings that would slow production down, as the environment of `make bench` sets them.

Run as a module it loads the settings with this environment (DJANGO_ENV defaulting to
production, placeholders for the secret key and host names when unset, since they cost
nothing) and prints what matters for speed as JSON; ``slow_settings`` turns that into
warnings, one sentence each on what it costs and what to set instead.
"""

import json
import os

CACHED_LOADER = "django.template.loaders.cached.Loader"
LOCAL_CACHES = (
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
)
IMMEDIATE_TASKS = "django.tasks.backends.immediate.ImmediateBackend"


def read_settings():
    """What the settings module decides, for the speed-relevant settings."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "panel.settings")
    os.environ.setdefault("DJANGO_ENV", "production")
    os.environ.setdefault("DJANGO_SECRET_KEY", "bench-settings-check-placeholder")
    os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "localhost")
    import django

    django.setup()
    from django.conf import settings
    from django.template import engines

    loaders = engines["django"].engine.loaders
    return {
        "environment": settings.ENVIRONMENT,
        "debug": settings.DEBUG,
        "conn_max_age": settings.DATABASES["default"].get("CONN_MAX_AGE", 0),
        "database_engine": settings.DATABASES["default"]["ENGINE"],
        "cache_backend": settings.CACHES["default"]["BACKEND"],
        "cache_reachable": _cache_reachable(),
        "session_engine": settings.SESSION_ENGINE,
        "cached_templates": any(
            isinstance(loader, (tuple, list)) and loader[0] == CACHED_LOADER for loader in loaders
        ),
        "tasks_backend": settings.TASKS["default"]["BACKEND"],
        "public_cache": bool(getattr(settings, "PUBLIC_CACHE", {}).get("ENABLED")),
        "log_level": os.environ.get("DJANGO_LOG_LEVEL", "WARNING").upper(),
        "web_concurrency": os.environ.get("WEB_CONCURRENCY", ""),
    }


def _cache_reachable():
    from django.core.cache import cache

    try:
        cache.set("bench-settings-check", 1, 5)
        return cache.get("bench-settings-check") == 1
    except Exception:  # any failure to reach the cache server is the answer
        return False


def _worker_warnings(found, *, workers, cores):
    out = []
    if found["web_concurrency"]:
        workers = int(found["web_concurrency"]) if found["web_concurrency"].isdigit() else 0
    per_core = workers / max(cores, 1)
    if not 2 <= per_core <= 4:
        out.append(
            f"{workers} gunicorn workers on {cores} cores: run 2 to 4 per core "
            f"(`--workers {2 * cores}` here) so one waiting on the database leaves the CPU busy."
        )
    if workers > 1 and found["cache_backend"] in LOCAL_CACHES:
        out.append(
            f"No DJANGO_REDIS_URL: each of the {workers} worker processes keeps its own cache, "
            "so each page is built once per worker and signed-in users' sessions are read from "
            "the database; several app servers cannot share it at all. Set "
            "DJANGO_REDIS_URL=redis://host:6379/0."
        )
    return out


def slow_settings(found, *, workers, cores):
    """Warnings, as sentences, for each setting in ``found`` that would slow production."""
    out = []
    if found["debug"] or found["environment"] != "production":
        out.append(
            f"DJANGO_ENV={found['environment']}: production runs with DJANGO_ENV=production; "
            "other modes turn on DEBUG (every query kept in memory) or test-only shortcuts."
        )
    if found["conn_max_age"] == 0 and "sqlite" not in found["database_engine"]:
        out.append(
            "DATABASE_CONN_MAX_AGE=0 opens a new database connection for every request "
            "(about 5 ms of app CPU and 10 ms of PostgreSQL CPU each): leave it unset (600)."
        )
    if not found["cache_reachable"]:
        out.append(
            "The cache server does not answer: every request waits on it and then builds the "
            "page anyway. Check DJANGO_REDIS_URL."
        )
    if not found["cached_templates"]:
        out.append(
            "Templates are not cached: each page reads and compiles its templates again. "
            "Leave TEMPLATES' loaders unset so Django caches them."
        )
    if "cache" not in found["session_engine"]:
        out.append(
            f"SESSION_ENGINE={found['session_engine']}: each signed-in request reads its "
            "session from the database; use django.contrib.sessions.backends.cached_db."
        )
    if found["tasks_backend"] == IMMEDIATE_TASKS:
        out.append(
            "Tasks run in the request (ImmediateBackend): reminder emails would hold up the "
            "command or page that queued them. Production queues them for `make worker`."
        )
    if not found["public_cache"]:
        out.append(
            "The public page cache is off (DJANGO_PUBLIC_CACHE=0, or no DJANGO_REDIS_URL): "
            "every anonymous page is built afresh for each request."
        )
    if found["log_level"] == "DEBUG":
        out.append(
            "DJANGO_LOG_LEVEL=DEBUG formats and writes every library's debug messages on each "
            "request; production logs at WARNING."
        )
    return out + _worker_warnings(found, workers=workers, cores=cores)


if __name__ == "__main__":
    print(json.dumps(read_settings()))
