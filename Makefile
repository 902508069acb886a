# The two commands: `make run` and `make test`. Both set up .venv on first use.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8501

.PHONY: run test setup setup-dev sample benchmark clean

$(VENV)/.runtime: requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev: requirements-dev.txt requirements.txt $(VENV)/.runtime
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

setup: $(VENV)/.runtime
setup-dev: $(VENV)/.dev

run: $(VENV)/.runtime
	$(PY) -m zi_dashboard init
	$(PY) -m streamlit run app.py --server.port $(PORT)

test: $(VENV)/.dev
	$(PY) -m pytest -n 2

sample: $(VENV)/.runtime
	$(PY) -m zi_dashboard sample

benchmark: $(VENV)/.dev
	$(PY) benchmarks/run.py

clean:
	rm -rf $(VENV) .pytest_cache test-artifacts data/zi_dashboard.db
