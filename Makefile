# Two commands: `make serve` and `make test`. Each installs what it needs on a fresh Debian machine.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
export NO_MKDOCS_2_WARNING := 1
ADDRESS ?= 127.0.0.1:8000

.PHONY: serve site test lint bench chromium clean

serve: $(VENV)/.site  ## Build the example site and serve it on http://127.0.0.1:8000
	$(BIN)/mkdocs serve --livereload --dev-addr $(ADDRESS)

site: $(VENV)/.site  ## Build the example site into site/
	$(BIN)/mkdocs build

test: $(VENV)/.test chromium lint  ## Lint, type-check and run every test (browser tests included)
	$(BIN)/pytest

lint: $(VENV)/.test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

bench: $(VENV)/.site  ## Build synthetic networks with Learn Aloud and with plain MkDocs; print ratios
	$(BIN)/python bench/run.py

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV) || { $(SUDO) apt-get update && $(SUDO) apt-get install -y python3-venv && $(PYTHON) -m venv $(VENV); }
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.site: pyproject.toml | $(VENV)/bin/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.test: pyproject.toml | $(VENV)/bin/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@ $(VENV)/.site

chromium:  ## Debian's Chromium for the browser tests (Playwright drives it; no browser download)
	@command -v chromium >/dev/null 2>&1 || { $(SUDO) apt-get update && $(SUDO) apt-get install -y chromium; }

clean:
	rm -rf site .pytest_cache .mypy_cache .ruff_cache
