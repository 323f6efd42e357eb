# The two commands of the README: `make build` and `make test`. Both create and reuse .venv.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: build test test-fast lint validate system-deps clean

build: $(STAMP)
	$(BIN)/lessonkit validate lessons
	$(BIN)/lessonkit check --format summary
	$(BIN)/lessonkit build --quiet

test: $(STAMP) lint
	$(BIN)/pytest

# The developer's loop: everything but the tests marked slow (make test runs them all).
test-fast: $(STAMP) lint
	$(BIN)/pytest -m "not slow"

lint: $(STAMP)
	$(BIN)/ruff check src tests scripts
	$(BIN)/ruff format --check src tests scripts
	$(BIN)/mypy

validate: $(STAMP)
	$(BIN)/lessonkit validate lessons

system-deps:
	bash scripts/install-system-deps.sh

# setup.py and the C sources too: an edited C module is rebuilt by the next `make test` of a checkout.
$(STAMP): pyproject.toml constraints.txt scripts/install-system-deps.sh setup.py $(wildcard src/lessonkit/check/*.c src/lessonkit/check/kinds/*.c)
	bash scripts/install-system-deps.sh
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[dev]'
	touch $(STAMP)

clean:
	rm -rf site build .lessonkit-cache test-artifacts
