# Medellín AI Platform. `make help` lists the targets.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
# One pytest worker per core (pytest-xdist). `--dist load` hands tests out in collection
# order, so each worker runs its transactional tests (which flush the database) last; two at
# a time, so the longest, collected first (tests/conftest.py), spread over the workers.
PYTEST_ARGS ?= -n auto --dist load --maxschedchunk 2 --durations 15

.DEFAULT_GOAL := help
.PHONY: help install run migrate seed test test-fast lint format check messages baselines \
	screenshots clean

help: ## List the targets
	@grep -E '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*?## "}; {printf "  make %-12s %s\n", $$1, $$2}'

$(PY):
	@command -v $(PYTHON) >/dev/null || { echo "Python 3.11 is required ($(PYTHON) not found)"; exit 1; }
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml constraints.txt | $(PY)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -c constraints.txt -e '.[dev]'
	@touch $(STAMP)

NODE_STAMP := node_modules/.installed
$(NODE_STAMP): package.json package-lock.json
	@if command -v npm >/dev/null; then npm ci --no-audit --no-fund --loglevel=error && touch $(NODE_STAMP); \
	else echo "!! npm not found: the accessibility gate (axe-core) will be skipped"; fi

install: $(STAMP) $(NODE_STAMP) ## Create .venv and install everything (no other step needed)

migrate: install ## Apply database migrations
	$(PY) manage.py migrate --noinput

seed: migrate ## Create or refresh the bilingual demo content and demo users
	$(PY) manage.py seed_demo

run: seed ## Set up and serve on http://127.0.0.1:8000 (web + task worker + localstripe)
	@echo ""
	@echo "Starting web server, task worker and localstripe. Open http://$(HOST):$(PORT)/  (Ctrl-C stops all)"
	HOST=$(HOST) PORT=$(PORT) $(VENV)/bin/honcho -f Procfile.dev start

lint: install ## ruff lint and format check
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install ## Format and auto-fix with ruff
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

check: install ## Django system checks and missing migrations
	$(PY) manage.py check
	$(PY) manage.py makemigrations --check --dry-run

test: install ## Set up and run ruff and the whole test suite with every quality gate
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(PY) manage.py makemigrations --check --dry-run --settings=config.settings.test
	$(VENV)/bin/pytest $(PYTEST_ARGS)

test-fast: install ## The suite without browser journeys (quicker while coding)
	$(VENV)/bin/pytest -m "not browser" $(PYTEST_ARGS)

messages: install ## Extract strings into locale/*/django.po and compile them (needs gettext)
	$(PY) manage.py makemessages -l es -l en --add-location=file --no-obsolete \
		--ignore=.venv --ignore=node_modules --ignore=tests --ignore=staticfiles --ignore=bench
	@# English is the source language: every msgstr is its own msgid (never a fuzzy
	@# neighbour's wording), so Django never falls back to the Spanish default.
	$(PY) manage.py english_catalogue
	$(PY) manage.py compilemessages -l es -l en --ignore=.venv --ignore=node_modules
	@$(PY) -c "import polib,sys; p=polib.pofile('locale/es/LC_MESSAGES/django.po'); \
		todo=p.untranslated_entries()+p.fuzzy_entries(); \
		[print('  needs Spanish:', e.msgid) for e in todo]; sys.exit(1 if todo else 0)"

baselines: install ## Rewrite the visual gate's baselines (tests/browser/baselines/); look before committing
	UPDATE_BASELINES=1 $(VENV)/bin/pytest -p no:randomly tests/browser/test_visual.py -q

SHOTS ?= docs/design/after
screenshots: install ## Screenshots of the key pages at 375 and 1280 px into docs/design/after (SHOTS=dir)
	$(PY) scripts/screenshots.py --out $(SHOTS)

clean: ## Remove the virtualenv, the SQLite database and collected files
	rm -rf $(VENV) node_modules db.sqlite3 db.sqlite3-* staticfiles .pytest_cache .ruff_cache test-results
