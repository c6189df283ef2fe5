# Streek: `make run` starts the demo, `make test` runs every check CI runs.
# GNU make; needs python3 >= 3.11 with its venv module (Debian: python3-venv).

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
MANAGE := $(PY) manage.py
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_WORKERS ?= 2
CHROMIUM ?= /usr/bin/chromium
STREEK_TEST_POSTGRES_URL ?= postgres://streek:streek@127.0.0.1:5432/streek
export STREEK_TEST_POSTGRES_URL

.PHONY: help run test lint format messages compile-messages bench clean venv

help:
	@echo "make run       install (first time), migrate, load the demo and serve http://$(HOST):$(PORT)/"
	@echo "make test      lint, types, layers, Django checks, tests on SQLite (and PostgreSQL when reachable)"
	@echo "make lint      ruff, ruff format --check, mypy, lint-imports"
	@echo "make format    ruff --fix and ruff format"
	@echo "make messages  update locale/*/LC_MESSAGES/django.po (nl, fr, en)"
	@echo "make bench     run the benchmarks in bench/"
	@echo "make clean     remove caches and collected static files (rm -rf .venv db.sqlite3 for a full reset)"

# ---------------------------------------------------------------- environment

$(PY):
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' 2>/dev/null || { \
		echo "ERROR: Streek needs Python 3.11 or newer; '$(PYTHON)' is $$($(PYTHON) --version 2>&1 || echo missing)." >&2; \
		echo "       Install it (Debian: apt-get install python3 python3-venv) or run: make PYTHON=/path/to/python3.11 ..." >&2; \
		exit 1; }
	@$(PYTHON) -m venv $(VENV) || { \
		rm -rf $(VENV); \
		echo "ERROR: could not create $(VENV): install the venv module (Debian: apt-get install python3-venv)." >&2; \
		exit 1; }
	$(PY) -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

venv: $(STAMP)

# Compile translations with gettext's msgfmt when present, else with Babel (a dev dependency: no root needed).
# Like msgfmt, Babel's writer leaves out fuzzy and empty entries (pybabel compile would skip a whole
# catalog whose header is still marked fuzzy).
define COMPILE_MO
import io, sys
from pathlib import Path
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
for po in map(Path, sys.argv[1:]):
    catalog = read_po(io.BytesIO(po.read_bytes()))
    mo = io.BytesIO()
    write_mo(mo, catalog, use_fuzzy=False)
    po.with_suffix(".mo").write_bytes(mo.getvalue())
endef
export COMPILE_MO

compile-messages: $(STAMP)
	@shopt -s nullglob; pos=(locale/*/LC_MESSAGES/*.po); \
	if [ $${#pos[@]} -eq 0 ]; then echo "No translations to compile yet."; \
	elif command -v msgfmt >/dev/null; then $(MANAGE) compilemessages --ignore=$(VENV) -v 0; \
	else echo "Compiling $${#pos[@]} catalogues with Babel (no msgfmt)"; $(PY) -c "$$COMPILE_MO" "$${pos[@]}"; fi

# ---------------------------------------------------------------- run

run: $(STAMP) compile-messages
	$(MANAGE) migrate --no-input
	$(MANAGE) collectstatic --no-input -v 0
	$(MANAGE) demo_load
	@echo "Starting the task worker and the server at http://$(HOST):$(PORT)/ (Ctrl-C stops both)"
	@$(MANAGE) db_worker & worker=$$!; \
	trap 'kill $$worker 2>/dev/null || true; wait $$worker 2>/dev/null || true' EXIT INT TERM; \
	$(MANAGE) runserver $(HOST):$(PORT)

# ---------------------------------------------------------------- checks

lint: $(STAMP)
	@echo "== ruff check"; $(BIN)/ruff check .
	@echo "== ruff format --check"; $(BIN)/ruff format --check .
	@echo "== mypy"; $(BIN)/mypy
	@echo "== lint-imports"; $(BIN)/lint-imports --no-cache

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

test: lint compile-messages
	@echo "== manage.py check"; $(MANAGE) check
	@echo "== makemigrations --check"; $(MANAGE) makemigrations --check --dry-run
	@echo "== check --deploy (production settings)"; \
		DJANGO_SETTINGS_MODULE=config.settings.prod \
		STREEK_SECRET_KEY="$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(64))')" \
		$(MANAGE) check --deploy --fail-level WARNING
	@echo "== npm ci (interop/node: the DFC connector the node tests run)"; \
	if command -v npm >/dev/null; then \
		npm ci --prefix interop/node --no-audit --no-fund --loglevel=error || { rm -rf interop/node/node_modules; \
			echo "SKIPPED: npm ci failed (registry unreachable?): the DFC connector tests (marker node) will skip"; }; \
	else \
		echo "SKIPPED: npm is not installed: the DFC connector tests (marker node) will skip (apt-get install nodejs npm)"; \
	fi
	@if [ -x "$(CHROMIUM)" ]; then browser="included"; else browser="SKIPPED (no Chromium at $(CHROMIUM))"; \
		echo "SKIPPED: browser tests (Chromium not installed at $(CHROMIUM))"; fi; \
	echo "== pytest on SQLite (browser tests: $$browser)"; \
	env -u DATABASE_URL $(PY) -m pytest -n $(PYTEST_WORKERS) -rs; \
	if $(PY) -c 'import sys, psycopg; psycopg.connect(sys.argv[1], connect_timeout=3).close()' "$$STREEK_TEST_POSTGRES_URL" 2>/dev/null; then \
		echo "== pytest on PostgreSQL ($$(echo "$$STREEK_TEST_POSTGRES_URL" | sed -E 's#//[^@/]*@#//#'), browser and node tests left to the SQLite pass)"; \
		DATABASE_URL="$$STREEK_TEST_POSTGRES_URL" $(PY) -m pytest -n $(PYTEST_WORKERS) -rs -m "not browser and not node"; \
		postgres="passed"; \
	else \
		echo "SKIPPED: PostgreSQL tests (no server at $$(echo "$$STREEK_TEST_POSTGRES_URL" | sed -E 's#//[^@/]*@#//#'))"; \
		postgres="SKIPPED (no server)"; \
	fi; \
	echo "SUMMARY: ruff, ruff format, mypy, lint-imports, check, makemigrations, check --deploy: passed; pytest SQLite: passed (browser tests: $$browser); pytest PostgreSQL: $$postgres"

# ---------------------------------------------------------------- other

messages: $(STAMP)
	$(MANAGE) makemessages -l nl -l fr -l en --ignore=.venv --ignore=staticfiles --ignore=media --no-obsolete

bench: $(STAMP)
	$(PY) bench/directory.py

clean:
	rm -rf staticfiles .mypy_cache .ruff_cache .pytest_cache .import_linter_cache bench/out
	find . -path ./$(VENV) -prune -o -name __pycache__ -type d -prune -exec rm -rf {} +
