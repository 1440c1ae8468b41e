# Every target creates .venv when missing and installs what it needs, so each one
# works alone on a fresh machine.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)

.PHONY: demo test bench lint format clean install docs

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e ".[test,imblearn,boost,faiss,dask,parquet,bench,docs]"
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(VENV)/bin/smoteguard compare --out demo-results

test: $(STAMP)
	$(PY) -m pytest -n 2 --dist loadfile -q

bench: $(STAMP)
	$(PY) bench/run.py

# The documentation site, offline, into docs/_build/html; warnings are errors.
# Generated sources are removed first: an API page left over from a removed public
# name would fail the build, and a computation-times page (off) would load a CDN.
docs: $(STAMP)
	rm -rf docs/api docs/sg_execution_times.rst docs/auto_examples/sg_execution_times.rst
	MPLBACKEND=Agg $(PY) -m sphinx -W --keep-going -q -b html docs docs/_build/html

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(STAMP)
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

clean:
	rm -rf $(VENV) demo-results .pytest_cache docs/_build docs/api/generated docs/auto_examples
