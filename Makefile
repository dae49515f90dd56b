# jane-synth: `make run` sets up and runs the pipeline on corpus/; `make test` sets up and runs the tests.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

# The model libraries' offline variables are set by jane_synth.config.use_offline_model.
export DAGSTER_HOME := $(CURDIR)/.dagster_home

.PHONY: setup run test test-fast lint format ui bench clean

setup: $(STAMP)

# torch is pinned (constraints.txt and pyproject) in the same pip command as sentence-transformers,
# so pip takes the CPU build on disk instead of a multi-GB CUDA build.
$(STAMP): pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e ".[dev,postgres,distributed]"
	touch $(STAMP)

run: setup
	$(BIN)/jane-synth run

# Two workers, one per core; tests that read one session fixture (the bundled index, the real
# PDFs) carry an xdist_group and run on one worker, so each fixture is built once.
test: setup
	$(BIN)/python -m pytest -n 2 --dist loadgroup

test-fast: setup
	$(BIN)/python -m pytest -m "not slow and not browser"

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

format: setup
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

ui: setup
	$(BIN)/jane-synth ui

bench: setup
	$(BIN)/python bench/ingest.py --json
	$(BIN)/python bench/retrieval.py --data ../shared/data/scifact --qrels ../shared/data/scifact/qrels/train.tsv --json
	$(BIN)/python bench/search_latency.py --json

clean:
	rm -rf outputs/index outputs/briefs outputs/*.json .pytest_cache
