# 网店客服陪练 — the two commands a new machine needs: `make run` and `make test`.
# Both create the virtual environment and install the pinned packages on first use.

PYTHON ?= python3
VENV := .venv
ifeq ($(OS),Windows_NT)
  VENV_BIN := $(VENV)/Scripts
else
  VENV_BIN := $(VENV)/bin
endif
PY := $(VENV_BIN)/python
STAMP := $(VENV)/.installed

.PHONY: run test lint format bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

run: $(STAMP)
	$(PY) main.py

test: $(STAMP)
	$(PY) -m ruff check simulator tests benchmarks main.py
	$(PY) -m ruff format --check simulator tests benchmarks main.py
	$(PY) -m pytest

lint: $(STAMP)
	$(PY) -m ruff check simulator tests benchmarks main.py

format: $(STAMP)
	$(PY) -m ruff format simulator tests benchmarks main.py
	$(PY) -m ruff check --fix simulator tests benchmarks main.py

bench: $(STAMP)
	$(PY) benchmarks/detector_accuracy.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
