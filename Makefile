# One command each on a fresh machine with Python 3.11+: the virtualenv is made on first use.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
SHARED ?= ../shared

.PHONY: run test eval crossval lint bench faults clean install

install: $(STAMP)

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "newsworker needs Python 3.11 or newer"'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)  ## bundled sample articles → embedded Redis → worker → ./newsworker.db, then a summary
	$(BIN)/newsworker run

test: $(STAMP)  ## the whole suite (real Redis; PostgreSQL when DATABASE_URL is set)
	$(BIN)/pytest

eval: $(STAMP)  ## shared scorers over ../shared data, failing below eval-floors.json
	$(BIN)/python $(SHARED)/eval/run_all.py --cmd "$(BIN)/newsworker extract" --floors eval-floors.json

CROSSVAL_ARGS ?= --folds 4

crossval: $(STAMP)  ## the attribution scorer cross-validated over ../shared's PolNeAR train set (parses cached in var/)
	mkdir -p var
	$(BIN)/python scripts/crossval_attribution.py $(SHARED)/data/polnear-train --scorer $(SHARED)/eval/score_attribution.py \
		--docbin var/polnear-train.spacy $(CROSSVAL_ARGS)

BENCH_ARGS ?= --articles 400 --repeat 3 --growth 5000

bench: $(STAMP)  ## throughput ratios vs bare spaCy, then RSS growth over 5,000 articles (needs DATABASE_URL=postgresql://...)
	$(BIN)/python -m bench $(BENCH_ARGS)

faults: $(STAMP)  ## kill -9, Redis restart, PostgreSQL outage, poison, hostile corpus; needs DATABASE_URL=postgresql://…
	$(BIN)/python -m tests.faults

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache *.egg-info newsworker.db*
