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

# compilemessages needs GNU gettext's msgfmt; without it the site still runs, in French only.
messages: install
	@if ! ls locale/*/LC_MESSAGES/*.po >/dev/null 2>&1; then echo "no translations to compile"; \
	elif command -v msgfmt >/dev/null; then \
		$(BIN)/python manage.py compilemessages --ignore=.venv --verbosity=0; \
	else echo "msgfmt not found (apt-get install gettext): English translations not compiled"; fi

migrate: install
	$(BIN)/python manage.py migrate --noinput

demo: migrate
	$(BIN)/python manage.py load_demo

## Installs, migrates the embedded SQLite database, loads the demo content and serves the portal.
run: messages demo
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

## Installs the test dependencies and runs the whole suite (DATABASE_URL selects PostgreSQL).
test: install-test messages
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: install-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install-test
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

clean:
	rm -rf $(VENV) var/*.sqlite3 staticfiles
