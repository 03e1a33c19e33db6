# essdash — two commands for users: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
PORT ?= 8501
export ESSDASH_DATA_DIR ?= $(CURDIR)/data
# pytest-xdist workers: browser tests mostly wait, so three overlap well on two cores. Tests that
# share a module's server stay in one worker (--dist loadgroup, groups set in tests/conftest.py).
PYTEST_WORKERS ?= 3
PYTEST := $(PY) -m pytest -q -p no:cacheprovider -n $(PYTEST_WORKERS) --dist loadgroup

.PHONY: run run-multi test lint typecheck unit e2e bench bench-load demo init-db clean regen-migration

$(STAMP): requirements.txt requirements-dev.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $(STAMP)

## Start the app (demo mode, database prepared, demo loaded on first run).
run: $(STAMP)
	ESSDASH_MODE=$${ESSDASH_MODE:-demo} $(PY) -m essdash init-db
	ESSDASH_MODE=$${ESSDASH_MODE:-demo} $(PY) -m essdash demo --if-empty
	ESSDASH_MODE=$${ESSDASH_MODE:-demo} $(PY) -m streamlit run server.py --server.port $(PORT)

## Several Streamlit processes behind HAProxy on PostgreSQL (PROCESSES=N, default: the cores).
## PostgreSQL is started under the data dir unless ESSDASH_DATABASE_URL is set. docs/deploiement.md
run-multi: $(STAMP)
	ESSDASH_MODE=$${ESSDASH_MODE:-demo} $(PY) -m essdash.deploy --port $(PORT) $(if $(PROCESSES),--processes $(PROCESSES))

## Lint, type-check and run the whole test suite.
test: $(STAMP) lint typecheck
	$(PYTEST) --durations=30

lint: $(STAMP)
	$(PY) -m ruff check .
	$(PY) -m ruff format --check essdash app.py app_pages tests bench
	$(VENV)/bin/lint-imports --no-logo

typecheck: $(STAMP)
	$(PY) -m mypy

unit: $(STAMP)
	$(PYTEST) -m "not e2e"

e2e: $(STAMP)
	$(PYTEST) -m e2e

bench: $(STAMP)
	$(PY) -m bench.indicators
	$(PY) -m bench.sirene_import --rows 5000000
	$(PY) -m bench.catchment
	$(PY) -m bench.actor_search --rows 40000000

bench-load: $(STAMP)
	$(PY) -m bench.load

init-db: $(STAMP)
	$(PY) -m essdash init-db

demo: $(STAMP)
	$(PY) -m essdash demo

## Developers only, before the first release: rebuild the initial revision from the models.
regen-migration: $(STAMP)
	$(PY) -m essdash.db.regen_migration

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
