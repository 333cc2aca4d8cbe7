# Two commands: `make run` (install, build, migrate, demo data, serve) and `make test` (lint + suite).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
STAMPS := .stamps
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test lint assets messages migrate demo serve clean bench bench-votes bench-audit bench-opinion-map bench-dashboard

# The background worker (notifications, register imports) runs beside the server and stops with it.
run: $(STAMPS)/system-run $(STAMPS)/venv-run assets messages migrate demo
	$(PY) manage.py collectstatic --noinput -v0
	mkdir -p var
	@echo "Background worker started (log: var/worker.log); it stops with the server."
	$(PY) manage.py db_worker --interval 2 > var/worker.log 2>&1 & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(PY) manage.py runserver $(HOST):$(PORT)

# The suite runs on every CPU (pytest-xdist, one database per worker); `.venv/bin/pytest` alone runs it in one process.
test: $(STAMPS)/system-test $(STAMPS)/venv-test assets messages lint
	$(BIN)/pytest -n auto

lint: $(STAMPS)/venv-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/djhtml --check $$(find templates grassroots -name '*.html')
	$(PY) manage.py makemigrations --check --dry-run -v0

$(STAMPS):
	mkdir -p $(STAMPS)

$(STAMPS)/system-run: scripts/system-deps.sh | $(STAMPS)
	scripts/system-deps.sh run
	touch $@

$(STAMPS)/system-test: scripts/system-deps.sh | $(STAMPS)
	scripts/system-deps.sh test
	touch $@

$(VENV)/pyvenv.cfg:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

# setuptools is pinned too (constraints.txt): the copy a new venv gets can be years old, with known CVEs.
$(STAMPS)/venv-run: $(VENV)/pyvenv.cfg requirements.txt constraints.txt | $(STAMPS)
	$(BIN)/pip install -q -r requirements.txt setuptools -c constraints.txt
	touch $@

$(STAMPS)/venv-test: $(STAMPS)/venv-run requirements-dev.txt constraints.txt
	$(BIN)/pip install -q -r requirements-dev.txt -c constraints.txt
	touch $@

# Front-end assets come from npm packages (package-lock.json) and are copied into static/vendor.
assets: static/vendor/htmx.min.js

static/vendor/htmx.min.js: package.json package-lock.json $(STAMPS)/system-run
	npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
	mkdir -p static/vendor
	cp node_modules/htmx.org/dist/htmx.min.js static/vendor/htmx.min.js

messages: $(STAMPS)/venv-run
	$(PY) manage.py compilemessages -v0 --ignore=.venv --ignore=node_modules

migrate: $(STAMPS)/venv-run
	$(PY) manage.py migrate --noinput -v0

# The demo ward is built once; a second `make run` reuses it. The steering figures are refreshed each time
# (a few seconds; in production a timer runs `refresh_figures`, docs/deploy.md).
demo: $(STAMPS)/venv-run
	$(PY) manage.py seed_demo --if-empty
	$(PY) manage.py seed_decisions_demo --if-empty
	$(PY) manage.py seed_training_demo --if-empty
	$(PY) manage.py seed_annual_conferences_demo --if-empty
	$(PY) manage.py seed_conventions_demo --if-empty
	$(PY) manage.py seed_elections_demo --if-empty
	$(PY) manage.py seed_disclosure_demo --if-empty
	$(PY) manage.py seed_service_ratings_demo --if-empty
	$(PY) manage.py seed_dialogues_demo --if-empty
	$(PY) manage.py seed_inspection_demo --if-empty
	$(PY) manage.py seed_opinion_maps_demo --if-empty
	$(PY) manage.py seed_petitions_demo --if-empty
	$(PY) manage.py seed_investment_supervision_demo --if-empty
	$(PY) manage.py seed_consultations_demo --if-empty
	$(PY) manage.py seed_situation_reports_demo --if-empty
	$(PY) manage.py refresh_figures --all

bench: $(STAMPS)/venv-test
	$(PY) bench/run.py

bench-votes: $(STAMPS)/venv-test
	$(PY) bench/votes.py

bench-audit: $(STAMPS)/venv-test
	$(PY) bench/audit.py

bench-opinion-map: $(STAMPS)/venv-test
	$(PY) bench/opinion_map.py

bench-dashboard: $(STAMPS)/venv-test
	$(PY) bench/dashboard.py

clean:
	rm -rf $(VENV) $(STAMPS) node_modules static/vendor var
