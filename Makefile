# Two commands on a fresh machine: `make serve` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
PORT   ?= 8000
STAMP  := $(VENV)/.installed
export NO_MKDOCS_2_WARNING := 1

.PHONY: install serve build site offline pdf test test-fast check figures golden bench clean

# The virtual environment, with the package (editable) and its test tools.
$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[test]"
	touch $(STAMP)

install: $(STAMP)

## Build and serve the default dossier at http://127.0.0.1:$(PORT), reloading on every change
## (--dirty: only the pages a change touched are built again; `make site` is the strict build).
serve: $(STAMP)
	$(BIN)/mkdocs serve --dirty --no-strict --dev-addr 127.0.0.1:$(PORT)

## Build the site into site/ (strict: a broken link fails the build).
site: $(STAMP)
	$(BIN)/mkdocs build --strict

## The site to open from a folder or a zip (no server): links and search work from file://.
offline: $(STAMP)
	OFFLINE=true $(BIN)/mkdocs build --strict -d site-offline
	$(BIN)/python -c "import shutil; shutil.make_archive('site-offline', 'zip', 'site-offline')"

## The briefing PDF (cover, contents, topics, figures, timeline, sources, methodology).
pdf: $(STAMP)
	$(BIN)/dossier pdf --out site/briefing.pdf

## Write the generated Markdown pages into out/ (no MkDocs needed).
build: $(STAMP)
	$(BIN)/dossier build --out out

## What the machine was unsure of: undated or unattributed items, unmatched paragraphs...
check: $(STAMP)
	$(BIN)/dossier check

figures: $(STAMP)
	$(BIN)/dossier figures --format csv

## The whole test suite (browser and PDF tests included).
test: $(STAMP)
	$(BIN)/pytest -n auto --dist loadfile

test-fast: $(STAMP)
	$(BIN)/pytest -m "not browser and not slow"

## Regenerate the golden files on purpose, after checking the change is wanted.
golden: $(STAMP)
	$(BIN)/python -m tests.golden

## Speed and memory at N generated articles (BENCH_SIZES="100 1000 10000" for the largest; slow).
BENCH_SIZES ?= 100 1000
bench: $(STAMP)
	BENCH_SIZES="$(BENCH_SIZES)" $(BIN)/python benchmarks/pipeline.py

clean:
	rm -rf site site-offline site-offline.zip out .pytest_cache
