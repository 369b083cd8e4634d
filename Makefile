# Two commands: `make serve` and `make test`. Each installs what it needs on a fresh Debian machine:
# uv (pinned, in its own .tools venv), then .venv exactly as uv.lock says, then Debian's chromium.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
TOOLS := .tools
UV_VERSION := 0.13.9
UV := $(TOOLS)/bin/uv
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
export NO_MKDOCS_2_WARNING := 1
export UV_PYTHON_DOWNLOADS := never
export UV_PROJECT_ENVIRONMENT := $(VENV)
UV_SYNC := $(UV) sync --locked --python $(PYTHON) --quiet
ADDRESS ?= 127.0.0.1:8000

.PHONY: serve site install check test lint bench pdf generated upgrade chromium clean distclean

serve: $(VENV)/.site  ## Build the example site and serve it on http://127.0.0.1:8000
	$(BIN)/mkdocs serve --livereload --dev-addr $(ADDRESS)

site: $(VENV)/.site  ## Build the example site into site/
	$(BIN)/mkdocs build

install: $(VENV)/.site  ## Install Learn Aloud into .venv, exactly as uv.lock says (what CI runs)

check: $(VENV)/.site  ## Check content/ as a build would, without building: every problem with its file, line and fix
	$(BIN)/learnaloud check

test: $(VENV)/.test chromium lint  ## Lint, type-check and run every test (browser tests and a tiny benchmark included)
	$(BIN)/pytest

lint: $(VENV)/.test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

bench: $(VENV)/.site  ## Build synthetic networks with Learn Aloud and with plain MkDocs; print ratios
	$(BIN)/python bench/run.py

pdf: $(VENV)/.test chromium  ## Print every report and activity guide of the example to pdf/ with Chromium (A4 PDFs)
	rm -rf pdf
	tmp=$$(mktemp -d) && trap 'rm -rf "$$tmp"' EXIT \
		&& $(BIN)/mkdocs build --quiet -d "$$tmp/site" \
		&& $(BIN)/python -m learnaloud.printing "$$tmp/site" pdf

generated: $(VENV)/.site  ## After changing a model or a message: write schema/ and the error catalogue again (tests compare)
	$(BIN)/learnaloud schema schema
	$(BIN)/python -m learnaloud.core.mistakes

upgrade: $(TOOLS)/.ready  ## Move every dependency to the newest version pyproject.toml allows; commit uv.lock
	$(UV) lock --upgrade --python $(PYTHON)

# A step that fails removes what it made, so the next `make` starts it again instead of
# finding a half-made folder.
$(TOOLS)/.ready:
	rm -rf $(TOOLS)
	{ $(PYTHON) -m venv $(TOOLS) || { rm -rf $(TOOLS) && $(SUDO) apt-get update && $(SUDO) apt-get install -y python3-venv && $(PYTHON) -m venv $(TOOLS); }; } \
		&& $(TOOLS)/bin/python -m pip install --quiet --disable-pip-version-check uv==$(UV_VERSION) \
		|| { rm -rf $(TOOLS); exit 1; }
	touch $@

$(VENV)/.site: uv.lock pyproject.toml $(TOOLS)/.ready
	$(UV_SYNC) --inexact || { rm -rf $(VENV); exit 1; }
	touch $@

$(VENV)/.test: uv.lock pyproject.toml $(TOOLS)/.ready
	$(UV_SYNC) --extra test || { rm -rf $(VENV); exit 1; }
	touch $@ $(VENV)/.site

chromium:  ## Debian's Chromium for the browser tests (Playwright drives it; no browser download)
	@command -v chromium >/dev/null 2>&1 || { $(SUDO) apt-get update && $(SUDO) apt-get install -y chromium; }

clean:
	rm -rf site pdf .pytest_cache .mypy_cache .ruff_cache

distclean: clean  ## Also remove the installed tools and environment
	rm -rf $(VENV) $(TOOLS)
