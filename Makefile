# Klantreislab: `make run` serves the site with demo data; `make test` runs every test.
# Both set up what they need on a fresh machine (virtual environment, install, database).
# `make test-postgres` runs the tests on PostgreSQL (TEST_DATABASE_URL); `make serve` runs the
# site with gunicorn for production (see README, "Production").

PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
FLASK := $(VENV)/bin/flask --app courseware
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 5000

.PHONY: lint load run serve test test-postgres bench install db upgrade migration browser clean

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

# A random SECRET_KEY for this machine, kept out of git (instance/ is ignored).
instance/settings.py:
	mkdir -p instance
	$(PY) -c "import secrets; print(f'SECRET_KEY = {secrets.token_hex(32)!r}')" > $@

# The schema comes from the Alembic migrations in courseware/migrations/ (Flask-Migrate).
upgrade: install
	$(FLASK) db upgrade

db: install instance/settings.py
	$(FLASK) db upgrade
	$(FLASK) seed-demo --if-empty

# A new migration from the change in the models: `make migration m="add a column"`, then read it.
migration: install
	@test -n "$(m)" || { echo 'make migration: say what changed, e.g. make migration m="add review score"' >&2; exit 2; }
	$(FLASK) db upgrade
	$(FLASK) db migrate -m "$(m)"

run: db
	INSECURE_COOKIES=1 $(FLASK) run --host $(HOST) --port $(PORT)  # plain http: no Secure cookies

# Production: migrate, then gunicorn with gunicorn.conf.py. Needs SECRET_KEY (environment or
# instance/settings.py) and normally DATABASE_URL; see README, "Production".
serve: install
	$(FLASK) db upgrade
	$(VENV)/bin/gunicorn --config gunicorn.conf.py

# Debian's Chromium for the browser tests (Playwright cannot download its own browser here).
browser:
	bash scripts/ensure-chromium

# ruff (settings in pyproject.toml); `make lint` must pass before the tests run in CI.
lint: install
	$(PY) -m ruff check .

# Everything, the slow tests too (browser, benchmarks, the wheel install); `-m "not slow"` skips those.
test: install browser
	$(PY) -m pytest --benchmark-disable

# The same tests on PostgreSQL, in the database TEST_DATABASE_URL names (its name must contain
# "test": every table in it is dropped). The browser tests run on SQLite only, under `make test`.
test-postgres: install
	@test -n "$(TEST_DATABASE_URL)" || { echo 'make test-postgres: set TEST_DATABASE_URL=postgresql+psycopg://USER:PASSWORD@HOST:PORT/klantreislab_test' >&2; exit 2; }
	BENCH_FILES=20 $(PY) -m pytest --benchmark-disable --ignore=tests/browser

bench: install
	BENCH_FILES=10000 $(PY) -m pytest tests/benchmarks --benchmark-only --benchmark-columns=min,median,mean,max,rounds

clean:
	rm -rf $(VENV) instance .pytest_cache .benchmarks test-artifacts

# The load test (docs/performance.md): a class of 30 + 1 and a school of 300 against gunicorn.
load: install
	$(PY) -m pip install --quiet -e '.[load]'
	bash loadtest/run.sh
