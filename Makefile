# The two commands: `make run` (serve the site with demo data) and `make test` (the whole suite).
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_ARGS ?=

.PHONY: help run test test-sqlite test-postgres bench lint format install assets clean

help:
	@echo "make run    install, migrate, load the demo data and serve on http://$(HOST):$(PORT)/"
	@echo "make test   install what the tests need and run the whole suite (SQLite, then PostgreSQL)"
	@echo "make bench  performance benchmarks at national scale (not part of make test)"
	@echo "make lint   ruff check and format check"

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
	@echo "    admin   / demo-admin-2023     superuser"
	@echo
	DJANGO_ENV=development $(PY) manage.py runserver $(HOST):$(PORT)

test: install assets
	@$(MAKE) --no-print-directory test-sqlite
	@$(MAKE) --no-print-directory test-postgres

test-sqlite:
	@echo "== Test suite on SQLite"
	env -u DATABASE_URL DJANGO_ENV=test $(PY) -m pytest $(PYTEST_ARGS)

test-postgres:
	@echo "== Test suite on PostgreSQL"
	DJANGO_ENV=test scripts/with-postgres $(PY) -m pytest $(PYTEST_ARGS)

bench: install assets
	@command -v wrk >/dev/null || { echo "make bench needs wrk, the HTTP load generator: apt-get install wrk"; exit 1; }
	scripts/with-postgres $(PY) -m bench $(BENCH_ARGS)

lint: install
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

format: install
	$(PY) -m ruff check --fix .
	$(PY) -m ruff format .

clean:
	rm -rf $(VENV) node_modules static/build staticfiles .pytest_cache .ruff_cache
