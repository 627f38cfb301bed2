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
QM := assets/i18n/simulator_en.qm
# The learned technique scorer: derived from the catalogue, its word classes and the labelled corpora.
MODEL := assets/models/technique_model.json
MODEL_INPUTS := catalogue/techniques.yaml catalogue/lexicons.yaml $(wildcard benchmarks/data/*.jsonl) \
	$(wildcard benchmarks/data/style_corpus/lines.jsonl) simulator/detection/learned.py simulator/detection/training.py

.PHONY: run test lint format bench clean translations model mutation

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

# Qt translations: the .ts source is committed, the compiled .qm is built here.
$(QM): assets/i18n/simulator_en.ts $(STAMP)
	$(VENV_BIN)/pyside6-lrelease assets/i18n/simulator_en.ts -qm $(QM)

# Trained here like the .qm: same inputs, same file; no network, a few seconds.
$(MODEL): $(MODEL_INPUTS) $(STAMP)
	$(PY) -m simulator.detection.training --out $(MODEL)

model: $(MODEL)

translations: $(STAMP)
	$(VENV_BIN)/pyside6-lupdate simulator/ui/*.py -ts assets/i18n/simulator_en.ts -source-language zh_CN -target-language en
	$(PY) tools/translations_en.py

# On Linux, first check the system libraries Qt's window needs (prints the apt-get line if any is missing).
run: $(STAMP) $(QM) $(MODEL)
	$(PY) tools/check_qt_libs.py
	$(PY) main.py

test: $(STAMP) $(QM) $(MODEL)
	$(PY) -m ruff check simulator tests benchmarks tools main.py
	$(PY) -m ruff format --check simulator tests benchmarks tools main.py
	$(PY) -m pytest

# Mutants of simulator/engine against the engine's tests (pyproject.toml [tool.mutmut]); about an hour
# on two cores. The score: killed / (killed + survived), printed at the end.
mutation: $(STAMP) $(MODEL)
	$(VENV_BIN)/mutmut run --max-children 2
	$(PY) tools/mutation_score.py

lint: $(STAMP)
	$(PY) -m ruff check simulator tests benchmarks main.py

format: $(STAMP)
	$(PY) -m ruff format simulator tests benchmarks main.py
	$(PY) -m ruff check --fix simulator tests benchmarks main.py

bench: $(STAMP) $(MODEL)
	$(PY) benchmarks/detector_accuracy.py
	$(PY) benchmarks/reader_accuracy.py
	$(PY) benchmarks/engine_latency.py
	QT_QPA_PLATFORM=offscreen $(PY) benchmarks/startup_time.py
	$(PY) benchmarks/history_scale.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
