# Two commands set everything up on a fresh machine: `make run` and `make test`.
PYTHON_VERSION := $(shell cat .python-version)
PYTHON := $(or $(wildcard $(HOME)/.pyenv/versions/$(PYTHON_VERSION)/bin/python3),$(shell command -v python$(basename $(PYTHON_VERSION)) || command -v python3))
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install run test test-sqlite test-postgres bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

# The demo through the production server (gunicorn, WhiteNoise, debug off); ILS_DEBUG=1 make run
# starts Django's development server instead, on this machine only.
run: install
	$(BIN)/ils migrate --noinput
	ILS_DEMO=1 $(BIN)/ils demo
ifeq ($(ILS_DEBUG),1)
	$(BIN)/ils runserver 127.0.0.1:$(PORT)
else
	$(BIN)/ils collectstatic --noinput --verbosity 0
	$(BIN)/gunicorn --config python:ils.web.gunicorn_conf --bind $(HOST):$(PORT) ils.web.wsgi
endif

# Two processes, one core each: the whole suite but the importer tests on SQLite, and beside it the
# PostgreSQL pass (the tests marked `postgres`) followed by the importer tests (no database), which
# balances the two. The second's output follows once both are done; any failing fails the target.
test: install
	./scripts/ensure-chromium.sh
	./scripts/ensure-pdf-tools.sh
	mkdir -p var
	{ ./scripts/with-postgres.sh $(BIN)/pytest -q -p no:cacheprovider -m postgres; pg=$$?; \
	  $(BIN)/pytest -q -p no:cacheprovider tests/importers; importers=$$?; \
	  test $$pg -eq 0 && test $$importers -eq 0; } > var/test-second.log 2>&1 & \
	second=$$!; \
	$(BIN)/pytest -q --ignore=tests/importers; first=$$?; \
	wait $$second; other=$$?; \
	echo "--- PostgreSQL pass, then the importer tests ---"; cat var/test-second.log; \
	test $$first -eq 0 && test $$other -eq 0

# Benchmarks print figures; they are not tests. web_bench and city_bench run on SQLite and PostgreSQL.
bench: install
	$(BIN)/python bench/import_bench.py
	$(BIN)/python bench/render_bench.py
	$(BIN)/python bench/web_bench.py
	$(BIN)/python bench/city_bench.py

clean:
	rm -rf $(VENV) .pytest_cache
