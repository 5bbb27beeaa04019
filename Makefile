# Samskapa: `make run` sets up and serves on SQLite; `make test` runs the whole suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
LOCAL := DJANGO_SETTINGS_MODULE=samskapa.settings.local
STAMP := $(VENV)/.installed

.PHONY: run install sources assets messages compile-messages setup test check audit lint typecheck format clean

$(STAMP): pyproject.toml requirements.lock package.json package-lock.json
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c requirements.lock -e '.[dev]'
	npm ci --no-audit --no-fund --loglevel=error
	touch $(STAMP)

install: $(STAMP)

# What the code needs to run: the vendored front-end libraries and the compiled catalogues.
sources: install
	npm run --silent build
	$(BIN)/python manage.py compile_translations

# For serving: the static files collected, fingerprinted and compressed (about 25 s). The tests
# serve them from the app folders and need only `sources`.
assets: sources
	$(LOCAL) $(BIN)/python manage.py collectstatic --noinput --verbosity 0

# DEBUG is off in the local settings so that the site's own error pages show; this is still a
# development setup, so the demo content is loaded all the same (--force).
setup: assets
	mkdir -p var
	$(LOCAL) $(BIN)/python manage.py migrate --noinput
	$(LOCAL) $(BIN)/python manage.py load_reference_data
	$(LOCAL) $(BIN)/python manage.py load_competence_taxonomy
	$(LOCAL) $(BIN)/python manage.py load_demo_data --force

run: setup
	$(LOCAL) $(BIN)/python manage.py runserver 127.0.0.1:8000

# Updates the .po catalogues from the code; English msgids are copied as the English text.
messages: install
	cd samskapa && ../$(BIN)/python ../manage.py makemessages --locale sv --locale en --no-obsolete --ignore 'static/*'
	$(BIN)/python manage.py fill_english_catalogue

check: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy samskapa
	$(BIN)/python manage.py check --settings samskapa.settings.test
	$(BIN)/python manage.py makemigrations --check --dry-run --settings samskapa.settings.test

# Known vulnerabilities of the pinned packages (PyPI's advisory data): any finding fails.
# A package the service cannot look up is listed as skipped; AUDIT_FLAGS=--strict fails on that too.
audit: install
	$(BIN)/pip-audit --requirement requirements.lock --no-deps --disable-pip --progress-spinner off $(AUDIT_FLAGS)

# Two workers, each with its own test database (test_samskapa_gw0, _gw1); a module stays on
# one worker so that its module-scoped fixtures are set up once.
test: sources check audit
	$(BIN)/pytest -n 2 --dist loadfile

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

clean:
	rm -rf $(VENV) node_modules var samskapa/static/vendor
