# Two commands for a fresh machine: `make run` and `make test` (see README.md).
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: install run test lint bench

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $@

install: $(BIN)/.installed

# demo mode (TRAJECTORY_DEMO=1): TOTP only for the teamleider, whose key `trajectory demo` prints
run: install
	$(BIN)/trajectory demo
	TRAJECTORY_DEMO=1 $(BIN)/trajectory serve

# the layer contracts are in pyproject.toml ([tool.importlinter])
lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

test: lint
	$(BIN)/pytest

# the benchmarks of docs/BENCHMARKS.md (about half an hour; SQLite and PostgreSQL)
bench: install
	$(BIN)/python -m bench
