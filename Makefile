# Two commands: `make serve` (install, then serve on :8000) and `make test` (install, then run every test).
VENV ?= .venv
PY := $(VENV)/bin/python
# The CPU build of torch. Here pip takes it from the machine's wheel cache; elsewhere set
# TORCH_INDEX=https://download.pytorch.org/whl/cpu so pip never pulls a CUDA build.
TORCH_INDEX ?=
PIP_TORCH := $(if $(TORCH_INDEX),--index-url $(TORCH_INDEX),)

# Every dependency at the exact version in constraints.txt (regenerate: make constraints). Not for the
# torch line when TORCH_INDEX is set: that index may lack torch's dependencies at their pinned
# versions; the next line puts them at their pins anyway.
PIP_PINNED := -c constraints.txt

.PHONY: install serve test lint bench-polnear constraints peer-venv bench-peer train-deps model

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml constraints.txt
	python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q torch==2.13.0 $(PIP_TORCH) $(if $(TORCH_INDEX),,$(PIP_PINNED))
	$(PY) -m pip install -q $(PIP_PINNED) -e '.[test]'
	touch $@

serve: install
	$(VENV)/bin/quotes serve

test: install
	$(VENV)/bin/ruff check quotes tests bench scripts training app.py config
	$(PY) -m pytest -q

lint: install
	$(VENV)/bin/ruff check quotes tests bench scripts training app.py config

# The embedded model's training recipe (training/README.md). EWT must point at a clone (or bare
# mirror) of UniversalDependencies/UD_English-EWT. Each step resumes from its checkpoint when rerun,
# so after an interruption `make model EWT=...` picks up where it stopped (finished steps are skipped
# or end at once). The result is assembled into training/runs/stanza-en, never into quotes/models.
train-deps: install
	$(PY) -m pip install -q $(PIP_PINNED) -r training/requirements.txt

model: train-deps
	test -f training/data/manifest.json || training/recipe.sh data
	test -f training/data/pretrain/ewt_w2v100.pt || training/recipe.sh vectors
	training/recipe.sh tokenize
	training/recipe.sh mwt
	training/recipe.sh lemma
	training/recipe.sh pos
	test -f training/data/en_ewt.dev.predtags.conllu || training/recipe.sh predtags
	training/recipe.sh depparse
	training/recipe.sh assemble
	training/recipe.sh eval

# constraints.txt from a clean venv: torch (CPU), this package with its test extras, pip freeze.
constraints:
	rm -rf .venv-constraints
	python3 -m venv .venv-constraints
	.venv-constraints/bin/python -m pip install -q --upgrade pip
	.venv-constraints/bin/python -m pip install -q torch==2.13.0 $(PIP_TORCH)
	.venv-constraints/bin/python -m pip install -q '.[test]'
	{ sed -n '1,3p' constraints.txt; .venv-constraints/bin/python -m pip freeze --exclude quotes | sed 's/^torch==.*/torch==2.13.0/'; } > constraints.new
	mv constraints.new constraints.txt
	rm -rf .venv-constraints

# bench/peer.py's peer, textacy + spaCy's small English model, in a venv of its own: bench only,
# never a dependency of this package (bench/peer-requirements.txt pins it).
PEER_VENV ?= .venv-peer

peer-venv: $(PEER_VENV)/.installed

$(PEER_VENV)/.installed: bench/peer-requirements.txt
	python3 -m venv $(PEER_VENV)
	$(PEER_VENV)/bin/python -m pip install -q --upgrade pip
	$(PEER_VENV)/bin/python -m pip install -q -r bench/peer-requirements.txt
	touch $@

bench-peer: install peer-venv
	$(PY) bench/peer.py --peer-python $(PEER_VENV)/bin/python
