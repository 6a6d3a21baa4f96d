"""pytest plugin loaded before Django is configured: the suite runs in DJANGO_ENV=test."""

import os

os.environ.setdefault("DJANGO_ENV", "test")
