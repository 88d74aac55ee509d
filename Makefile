# Klantreislab: `make run` serves the site with demo data; `make test` runs every test.
# Both set up what they need on a fresh machine (virtual environment, install, database).

PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
FLASK := $(VENV)/bin/flask --app courseware
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 5000

.PHONY: run test bench install db browser clean

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

db: install instance/settings.py
	$(FLASK) init-db
	$(FLASK) seed-demo --if-empty

run: db
	$(FLASK) run --host $(HOST) --port $(PORT)

# Debian's Chromium for the browser tests (Playwright cannot download its own browser here).
browser:
	bash scripts/ensure-chromium

test: install browser
	BENCH_FILES=200 $(PY) -m pytest --benchmark-disable

bench: install
	$(PY) -m pytest tests/benchmarks --benchmark-only --benchmark-columns=min,median,mean,max,rounds

clean:
	rm -rf $(VENV) instance .pytest_cache .benchmarks test-artifacts
