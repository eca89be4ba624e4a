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

.PHONY: install compile serve test lint docs bench-polnear constraints peer-venv bench-peer train-deps model model-v2 model-v2-small model-v3 embed-model

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml constraints.txt
	python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q torch==2.13.0 $(PIP_TORCH) $(if $(TORCH_INDEX),,$(PIP_PINNED))
	$(PY) -m pip install -q $(PIP_PINNED) -e '.[test]'
	touch $@ $(VENV)/.compiled

# The engine compiled with mypyc (setup.py; the install above compiles it too): compiled again
# whenever its source changed since, so `make test` runs what is in the checkout, compiled.
# QUOTES_PURE_PYTHON=1 builds nothing.
ENGINE_SOURCE := setup.py $(wildcard quotes/engine/*.py)
compile: $(VENV)/.compiled

$(VENV)/.compiled: $(ENGINE_SOURCE) | $(VENV)/.installed
	$(PY) setup.py -q build_ext --inplace
	touch $@

serve: install
	$(VENV)/bin/quotes serve

# The layers of the package (import-linter contracts in pyproject.toml), the engine's types (mypy), then the documentation
# site with warnings as errors (mkdocs.yml, docs/; the site goes to build/site), then every test.
test: install compile
	$(VENV)/bin/ruff check quotes tests bench scripts training app.py config
	$(VENV)/bin/lint-imports
	$(VENV)/bin/mypy
	NO_MKDOCS_2_WARNING=1 $(VENV)/bin/mkdocs build --strict --site-dir build/site
	$(PY) -m pytest -q

lint: install
	$(VENV)/bin/ruff check quotes tests bench scripts training app.py config
	$(VENV)/bin/lint-imports
	$(VENV)/bin/mypy

docs: install
	NO_MKDOCS_2_WARNING=1 $(VENV)/bin/mkdocs build --strict --site-dir build/site

# The embedded model's training recipe (training/README.md). EWT must point at a clone (or bare
# mirror) of UniversalDependencies/UD_English-EWT. Each step resumes from its checkpoint when rerun,
# so after an interruption `make model EWT=...` picks up where it stopped (finished steps are skipped
# or end at once). The result is assembled into training/runs/stanza-en, never into quotes/models.
train-deps: install
	$(PY) -m pip install -q $(PIP_PINNED) -r training/requirements.txt

# The larger licence-clean model v2 (UD English EWT only, CC BY-SA 4.0; never the default:
# training/artifacts/README.md) assembled in seconds from the components committed under
# training/artifacts/, with no training and no treebank. Serve it with
# QUOTES_STANZA_DIR=build/stanza-en-v2 quotes serve.
V2_ARTIFACTS := training/artifacts
model-v2: install
	$(PY) training/assemble.py --out build/stanza-en-v2 --dict_only lemma \
		--tokenize $(V2_ARTIFACTS)/tokenize/en_ewt_tokenizer.pt --mwt $(V2_ARTIFACTS)/mwt/en_ewt_mwt.fp16.pt \
		--pos $(V2_ARTIFACTS)/pos/en_ewt_tagger.pt --lemma $(V2_ARTIFACTS)/lemma/en_ewt_lemmatizer.fp16.pt \
		--depparse $(V2_ARTIFACTS)/depparse/en_ewt_parser.pt --pretrain $(V2_ARTIFACTS)/pretrain/ewt_w2v100.pt

# The same with the smaller tagger and parser trained on the wider licence-clean vectors (training/README.md).
model-v2-small: install
	$(PY) training/assemble.py --out build/stanza-en-v2-small --dict_only lemma \
		--tokenize $(V2_ARTIFACTS)/v2-small/tokenize/en_ewt_tokenizer.pt --mwt $(V2_ARTIFACTS)/v2-small/mwt/en_ewt_mwt.fp16.pt \
		--pos $(V2_ARTIFACTS)/v2-small/pos/en_ewt_tagger.pt --lemma $(V2_ARTIFACTS)/lemma/en_ewt_lemmatizer.fp16.pt \
		--depparse $(V2_ARTIFACTS)/v2-small/depparse/en_ewt_parser.pt --pretrain $(V2_ARTIFACTS)/v2-small/pretrain/ewtpd_w2v100.pt

# v3, the embedded default since the nineteenth session: v2-small's sizes retrained with less
# dropout, a tokenizer fine-tuned the same way, a parser with a character model, 10,000 vectors
# (training/artifacts/README.md). `make embed-model` copies it into the package.
model-v3: install
	$(PY) training/assemble.py --out build/stanza-en-v3 --dict_only lemma \
		--tokenize $(V2_ARTIFACTS)/v3/tokenize/en_ewt_tokenizer.pt --mwt $(V2_ARTIFACTS)/v2-small/mwt/en_ewt_mwt.fp16.pt \
		--pos $(V2_ARTIFACTS)/v3/pos/en_ewt_tagger.pt --lemma $(V2_ARTIFACTS)/lemma/en_ewt_lemmatizer.fp16.pt \
		--depparse $(V2_ARTIFACTS)/v3/depparse/en_ewt_parser.pt --pretrain $(V2_ARTIFACTS)/v3/pretrain/ewtpd_w2v100.pt

embed-model: model-v3
	cp -r build/stanza-en-v3/en build/stanza-en-v3/resources.json quotes/models/stanza-en/

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
