# Two commands: `make serve` (install, then serve on :8000) and `make test` (install, then run every test).
VENV ?= .venv
PY := $(VENV)/bin/python
# The CPU build of torch. Here pip takes it from the machine's wheel cache; elsewhere set
# TORCH_INDEX=https://download.pytorch.org/whl/cpu so pip never pulls a CUDA build.
TORCH_INDEX ?=
PIP_TORCH := $(if $(TORCH_INDEX),--index-url $(TORCH_INDEX),)

.PHONY: install serve test lint bench-polnear

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q torch==2.13.0 $(PIP_TORCH)
	$(PY) -m pip install -q -e '.[test]'
	touch $@

serve: install
	$(VENV)/bin/quotes serve

test: install
	$(VENV)/bin/ruff check quotes tests bench app.py config
	$(PY) -m pytest -q

lint: install
	$(VENV)/bin/ruff check quotes tests bench app.py config
