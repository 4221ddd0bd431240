# The two commands of the README: `make report` and `make test`. Both install into .venv first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: report test lint golden bench devset echoes clean

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

report: $(BIN)/.installed
	$(BIN)/reportdiff build samples --out report.html --out report.md --out report.json --out report.pdf

test: $(BIN)/.installed
	$(BIN)/python -m pytest

# Lint and types: ruff (lint and format check, line length 110) and mypy --strict on src/, as pyproject.toml sets.
lint: $(BIN)/.installed
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/mypy

golden: $(BIN)/.installed
	REPORTDIFF_REGENERATE=1 $(BIN)/python -m pytest tests/test_golden.py

# The development corpus (outside the repository): scores end to end, then with the reader's dates handed over.
DEVSET ?= ../shared/devset
devset: $(BIN)/.installed
	$(PYTHON) $(DEVSET)/score.py
	$(PYTHON) $(DEVSET)/score.py --oracle

bench: $(BIN)/.installed
	$(BIN)/python bench/run.py

# Two full inspection reports (the test suite's Southshire pair, as PDFs) and their report, where reworded
# findings are shown side by side with the words that changed: the samples have no such echo (see the README).
echoes: $(BIN)/.installed
	$(BIN)/python -c "import sys, pathlib; sys.path.insert(0, 'tests'); import fullreport; fullreport.write_reports(pathlib.Path('build/southshire'))"
	$(BIN)/reportdiff build build/southshire --out build/southshire.html

clean:
	rm -rf $(VENV) report.html report.md report.json report.pdf build/southshire build/southshire.*
