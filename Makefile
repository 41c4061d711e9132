# The README's two set-up commands call `make demo` and `make test`; both work on a fresh machine
# with Python >= 3.11 (they create .venv and install into it).
PYTHON ?= python3
VENV ?= .venv
BIN = $(VENV)/bin
EXAMPLE ?= examples/seeds
OUT ?= dossiers

.PHONY: demo test lint bench install install-dev

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

install: $(BIN)/python
	$(BIN)/pip install -q -e .

install-dev: $(BIN)/python
	$(BIN)/pip install -q -e '.[dev]'

## demo: install everything and write the dossier of the bundled example
demo: install
	HF_HUB_OFFLINE=1 $(BIN)/crosswire analyze $(EXAMPLE) --out $(OUT)

## test: install with the dev extras and run the test suite
test: install-dev
	HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1 $(BIN)/python -m pytest -q

lint: install-dev
	$(BIN)/ruff check src tests bench

## bench: per-stage throughput on 1,000 real articles from ../shared/eval
bench: install-dev
	HF_HUB_OFFLINE=1 $(BIN)/python bench/bench_stages.py --n 1000 --repeat 3
