# The two commands: `make run` (serve the site with demo data) and `make test` (the whole suite).
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_ARGS ?=
# pytest-xdist workers; pytest-django gives each its own test database. 2 fits a 2-core machine.
WORKERS ?= 2
PYTEST := $(PY) -m pytest -n $(WORKERS)
# The sweeping tests (forms fuzz, API schema run, accessibility, admin smoke) say nothing about
# the database, so they run once, in the PostgreSQL half; postgres_only tests need row locks.
# The schemathesis module builds the API schema as it is imported, so it is not even collected.
SQLITE_TESTS := -m "not sweeping and not postgres_only" --ignore=tests/api/test_schema.py
# Every Python file of the project, for django-upgrade.
PYTHON_FILES = $(shell find . -name '*.py' -not -path './.venv/*' -not -path './node_modules/*')

.PHONY: help run worker screenshots test test-sqlite test-postgres test-deep bench lint format install assets clean

help:
	@echo "make run    install, migrate, load the demo data and serve on http://$(HOST):$(PORT)/"
	@echo "make worker run queued tasks (reminder emails, the open data archive): beside make run, or on each server"
	@echo "make test   install what the tests need and run the whole suite (SQLite, then PostgreSQL)"
	@echo "make test-deep  the forms fuzz and API schema run with many more examples (nightly CI)"
	@echo "make bench  performance benchmarks at national scale (not part of make test)"
	@echo "make screenshots  the main pages at 375 and 1280 px for each role, in docs/screenshots/"
	@echo "make lint   ruff check (with a complexity ceiling), format check and django-upgrade check"

$(PY):
	@python=$$(scripts/find-python) && echo "Creating $(VENV) with $$python" && "$$python" -m venv $(VENV)
	@$(PY) -m pip install --quiet --upgrade pip

$(VENV)/.installed: requirements.txt requirements-dev.txt | $(PY)
	$(PY) -m pip install --quiet -r requirements-dev.txt
	@touch $@

install: $(VENV)/.installed

node_modules/.package-lock.json: package.json package-lock.json
	@command -v npm >/dev/null || { echo "npm is needed to build the page styles: install Node.js (https://nodejs.org or apt-get install nodejs npm)"; exit 1; }
	npm ci --no-audit --no-fund --loglevel=error

static/build/.built: node_modules/.package-lock.json $(shell find assets -type f 2>/dev/null)
	npm run --silent build
	@touch $@

assets: static/build/.built

run: install assets
	DJANGO_ENV=development $(PY) manage.py migrate --no-input
	DJANGO_ENV=development $(PY) manage.py load_demo
	@echo
	@echo "  The site:        http://$(HOST):$(PORT)/"
	@echo "  The admin:       http://$(HOST):$(PORT)/admin/"
	@echo "  API and docs:    http://$(HOST):$(PORT)/api/docs/"
	@echo "  Demo log-ins (user / password):"
	@echo "    officer / demo-officer-2023   democratic services: keeps the record in the admin"
	@echo "    member  / demo-member-2023    Panel member: sees restricted material, edits nothing"
	@echo "    owner   / demo-owner-2023     action owner: reports progress on their actions"
	@echo "    admin   / demo-admin-2023     superuser"
	@echo
	DJANGO_ENV=development $(PY) manage.py runserver $(HOST):$(PORT)

# The task worker: claims queued tasks (reminder emails, rebuilding the open data archive) from the database and runs them.
# Development by default; a server sets DJANGO_ENV=production and its other variables.
# Any number of workers, on any machines, may share one queue: each task runs once.
worker: install
	DJANGO_ENV=$${DJANGO_ENV:-development} $(PY) manage.py db_worker

test: install assets
	@start=$$(date +%s); \
	$(MAKE) --no-print-directory test-sqlite && $(MAKE) --no-print-directory test-postgres; \
	status=$$?; \
	echo "== make test took $$(( $$(date +%s) - start )) s (SQLite and PostgreSQL)"; \
	exit $$status

test-sqlite:
	@echo "== Test suite on SQLite (the sweeping tests run in the PostgreSQL half)"
	@# Exit status 5 is "no tests selected": PYTEST_ARGS may name only sweeping tests.
	env -u DATABASE_URL DJANGO_ENV=test $(PYTEST) $(SQLITE_TESTS) $(PYTEST_ARGS) \
		|| { status=$$?; [ $$status -eq 5 ] || exit $$status; }

test-postgres:
	@echo "== Test suite on PostgreSQL"
	DJANGO_ENV=test scripts/with-postgres $(PYTEST) $(PYTEST_ARGS)

# Nightly: the Hypothesis tests with the "deep" profile (tests/conftest.py), on PostgreSQL.
test-deep: install assets
	@echo "== Forms fuzz and API schema run, deep profile, on PostgreSQL"
	HYPOTHESIS_PROFILE=deep DJANGO_ENV=test scripts/with-postgres \
		$(PYTEST) tests/test_fuzz_forms.py tests/api/test_schema.py $(PYTEST_ARGS)

# Benchmarks (issue 15's targets): BENCH_ARGS=--quick for a run under 5 minutes, --help for
# the rest. Uses Redis on 127.0.0.1:6379 (BENCH_REDIS_URL) and, for two app servers behind a
# proxy, nginx. With DATABASE_URL naming a server, it keeps its built databases there.
# Screenshots of the main pages at 375 and 1280 px, as each role sees them (docs/screenshots/).
screenshots: install assets
	$(PY) scripts/screenshots.py

bench: install assets
	@command -v wrk >/dev/null || { echo "make bench needs wrk, the HTTP load generator: apt-get install wrk"; exit 1; }
	@command -v nginx >/dev/null || echo "Without nginx (apt-get install nginx-light) make bench skips the two-server run."
	scripts/with-postgres $(PY) -m bench $(BENCH_ARGS)

lint: install
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	@echo "$(VENV)/bin/django-upgrade --target-version 6.1 --check (every .py file)"
	@$(VENV)/bin/django-upgrade --target-version 6.1 --check $(PYTHON_FILES)

format: install
	@# django-upgrade exits 1 when it rewrote a file: that is what format is for.
	@$(VENV)/bin/django-upgrade --target-version 6.1 $(PYTHON_FILES) || true
	$(PY) -m ruff check --fix .
	$(PY) -m ruff format .

clean:
	rm -rf $(VENV) node_modules static/build staticfiles .pytest_cache .ruff_cache
