# Benchlearn: `make run` serves the dashboard, `make test` runs lint and the whole suite.
# Everything runs from the checkout with the project's own virtual environment in .venv.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8501
# `make cluster`: dashboard worker processes behind the proxy (docs/SCALING.md)
WORKERS ?= 2
# Every test uses its own database file and server port, so the suite runs on two workers.
PYTEST_ARGS ?= -n 2
CHROMIUM := /usr/bin/chromium
# Stamps live inside the venv: deleting the venv forgets them too.
RUNTIME_STAMP := $(VENV)/.requirements.stamp
DEV_STAMP := $(VENV)/.requirements-dev.stamp

.PHONY: run test lint messages bench clean chromium cluster server-programs bytecode

$(PY):
	$(PYTHON) -m venv $(VENV)

# Re-install only when a requirements file changed since the last install.
$(RUNTIME_STAMP): requirements.txt | $(PY)
	$(PY) -m pip install --disable-pip-version-check -r requirements.txt
	touch $@

$(DEV_STAMP): requirements-dev.txt requirements.txt | $(PY)
	$(PY) -m pip install --disable-pip-version-check -r requirements-dev.txt
	touch $@ $(RUNTIME_STAMP)

# The package's bytecode, written by compileall (incremental: only what changed): where Python may not write it
# itself (PYTHONDONTWRITEBYTECODE set, a read-only checkout) every process compiled all of benchlearn's sources at
# start — 86 ms of each command-line call, each dashboard worker and each test's subprocess.
bytecode: | $(PY)
	$(PY) -m compileall -q benchlearn

# Builds the store from the shipped demo data on first run only: later runs keep what users uploaded.
# A failed build removes the half-made file, so the next run tries again.
run: $(RUNTIME_STAMP) bytecode
	@db="$${BENCHLEARN_DB:-data/benchlearn.duckdb}"; \
	if [ ! -e "$$db" ]; then \
		echo "Building $$db from the demo data (first run)"; \
		mkdir -p "$$(dirname "$$db")"; \
		$(PY) -m benchlearn demo --db "$$db" || { rm -f "$$db" "$$db.wal"; exit 1; }; \
	fi
	$(PY) -m streamlit run dashboard.py --server.port $(PORT)

# The browser tests need Debian's Chromium; install it when missing and we may (root), else they skip.
chromium:
	@if [ ! -x $(CHROMIUM) ] && [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
		apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y \
			chromium fonts-liberation fonts-dejavu-core; \
	fi

# The message check fails when lt or lv lacks a message, leaves it fuzzy, or changes its {placeholders};
# lint-imports checks the layer contracts of ARCHITECTURE.md §3 declared in pyproject.toml.
lint: $(DEV_STAMP)
	$(VENV)/bin/ruff check .
	$(PY) -m benchlearn.i18n.check
	$(VENV)/bin/lint-imports

# After adding or changing an English message (locale/en/LC_MESSAGES/benchlearn.po): new keys into lt and lv
# (untranslated), changed ones marked fuzzy, and the keys the code uses that English lacks listed.
messages: $(RUNTIME_STAMP)
	$(PY) -m benchlearn.i18n.sync

# The whole suite on the embedded file (the store, ingest and compare tests also on a PostgreSQL server the tests
# start themselves), then the page tests again with their stores on that server (skipped without PostgreSQL).
SERVER_PAGE_TESTS ?= tests/test_page_*.py
test: $(DEV_STAMP) chromium lint bytecode
	$(VENV)/bin/pytest $(PYTEST_ARGS)
	BENCHLEARN_TEST_STORE=postgresql $(VENV)/bin/pytest $(PYTEST_ARGS) $(SERVER_PAGE_TESTS)

# Many workers over one PostgreSQL server behind nginx, on http://localhost:$(PORT). The server, its data (the demo
# on first start) and the logs live in .cluster/; with DB=postgresql://… an existing server is used instead.
cluster: $(RUNTIME_STAMP) server-programs bytecode
	$(PY) -m benchlearn.cluster --workers $(WORKERS) --port $(PORT) $(if $(DB),--db "$(DB)")

# PostgreSQL and nginx from Debian, installed when missing (as root, or through sudo).
server-programs:
	@missing=""; \
	ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing="postgresql"; \
	{ command -v nginx || [ -x /usr/sbin/nginx ]; } >/dev/null 2>&1 || missing="$$missing nginx-light"; \
	if [ -n "$$missing" ]; then \
		echo "Installing$$missing (Debian packages)"; \
		sudo_=""; [ "$$(id -u)" = 0 ] || sudo_=sudo; \
		$$sudo_ apt-get update -q && DEBIAN_FRONTEND=noninteractive $$sudo_ apt-get install -y -q $$missing; \
	fi

bench: $(DEV_STAMP)
	@for script in benchmarks/*.py; do \
		[ -e "$$script" ] || continue; \
		echo "== $$script"; \
		$(PY) "$$script" || exit 1; \
	done

# Removes caches and test artifacts; never the database (it holds uploaded data) nor the venv.
clean:
	rm -rf artifacts test-results .pytest_cache .ruff_cache .import_linter_cache .hypothesis
	find . -path ./$(VENV) -prune -o -name __pycache__ -type d -prune -exec rm -rf {} +
	rm -f $(RUNTIME_STAMP) $(DEV_STAMP)
