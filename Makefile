# Two commands do all set-up on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-$(shell cat requirements.txt requirements-test.txt | sha1sum | cut -c1-12)
HOST   ?= 127.0.0.1
PORT   ?= 8000
PYTEST_ARGS ?=

.PHONY: run test test-pg lint venv fixture messages bench bench-deps load clean axe

venv: $(STAMP)

$(STAMP): requirements.txt requirements-test.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-test.txt
	rm -f $(VENV)/.installed-*
	touch $@

## Serve the site with the 2021 yearbook loaded at http://127.0.0.1:8000/
run: venv
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_edition_fixture --if-empty
	$(PY) manage.py collectstatic --noinput --verbosity 0
	@echo "Serving http://$(HOST):$(PORT)/"
	$(PY) manage.py runserver --noreload $(HOST):$(PORT)

## axe-core for the browser tests' accessibility check, from the npm registry into var/npm (not committed).
AXE_VERSION := 4.14.1
axe: var/npm/node_modules/axe-core/axe.min.js

var/npm/node_modules/axe-core/axe.min.js:
	npm install --prefix var/npm --no-save --no-audit --no-fund axe-core@$(AXE_VERSION)

## The whole suite on SQLite.
test: venv
	$(PY) -m pytest $(PYTEST_ARGS)

## ruff (its rules are in pyproject.toml).
lint: venv
	$(PY) -m ruff check .

## The same suite on a private PostgreSQL cluster (needs `apt-get install postgresql`).
test-pg: venv
	url=$$(.ci/pgcluster start) && DATABASE_URL=$$url $(PY) -m pytest $(PYTEST_ARGS) \
	  && DATABASE_URL=$$url $(PY) -m pytest -m pg_restart -q tests/hardening; \
	status=$$?; .ci/pgcluster stop; exit $$status

## Compile the admin's Chinese for the strings Django leaves in English (locale/, needs gettext's msgfmt).
messages: venv
	$(PY) manage.py compilemessages --locale zh_Hans --ignore=.venv

## Re-generate fixtures/ from the source text.
fixture: venv
	$(PY) manage.py build_fixture

## Benchmarks (docs/benchmarks.md) and the load test (docs/load-test.md).
bench: venv bench-deps
	$(PY) bench/run.py

load: venv bench-deps
	$(PY) bench/load.py

## PostgreSQL and wrk, installed from Debian's packages when missing (as root, like .ci/run).
bench-deps:
	@if ! command -v wrk >/dev/null || ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then \
	  if [ "$$(id -u)" != 0 ]; then echo "the benchmark needs postgresql and wrk: apt-get install -y postgresql wrk (as root)" >&2; exit 1; fi; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql wrk >/dev/null; \
	fi

clean:
	rm -rf $(VENV) staticfiles
