# The two commands of the README's quick start are `make run` and `make test`.
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test install install-test migrate demo messages lint format clean

$(BIN)/python:
	"$$(scripts/find-python)" -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e ".[test,dev]"
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed

install-test: $(VENV)/.installed-test

# Compiles locale/*/LC_MESSAGES/django.po with Babel (pure Python: no GNU gettext needed).
# Extracting new strings (`manage.py makemessages -l en`) does need gettext: see the README.
messages: install
	@if ls locale/*/LC_MESSAGES/django.po >/dev/null 2>&1; then \
		$(BIN)/pybabel compile --statistics -d locale -D django; \
	else echo "no translations to compile"; fi

migrate: install
	$(BIN)/python manage.py migrate --noinput

demo: migrate
	$(BIN)/python manage.py load_demo

## Installs, migrates the embedded SQLite database, loads the demo content and serves the portal,
## with the e-mail queue's worker next to it (scripts/serve.py; both stop together).
run: messages demo
	SITE_URL="$${SITE_URL:-http://$(HOST):$(PORT)}" $(BIN)/python scripts/serve.py $(HOST):$(PORT)

## Installs the test dependencies and runs the whole suite (DATABASE_URL selects PostgreSQL), on
## every core: each worker has its test database and takes whole files, so a module's shared
## browser tab and the demo content stay with one worker (PYTEST_WORKERS=0 runs in one process).
PYTEST_WORKERS ?= auto
test: install-test messages
	$(BIN)/python -m pytest -n $(PYTEST_WORKERS) --dist loadfile $(PYTEST_ARGS)

lint: install-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

format: install-test
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

clean:
	rm -rf $(VENV) var/*.sqlite3 staticfiles
