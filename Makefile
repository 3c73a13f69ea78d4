# The two commands a user needs: `make run` and `make test`. Each creates .venv when missing.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cksum < pyproject.toml | cut -d' ' -f1)

.PHONY: run test lint typecheck unit bench soak venv tools clean

run: $(STAMP)
	$(BIN)/qaqpa up $(ARGS)

test: $(STAMP) lint typecheck unit

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(STAMP)
	$(BIN)/mypy

unit: $(STAMP)
	$(BIN)/pytest -n 2 $(PYTEST_ARGS)

bench: $(STAMP)
	$(BIN)/python -m bench.http
	$(BIN)/python -m bench.signatures

# A one-minute soak at half the peak rate (bench/soak.py; SOAK_SECONDS=600 for the issue's ten minutes).
soak: $(STAMP)
	$(BIN)/python -m bench.soak --seconds $(or $(SOAK_SECONDS),60)

venv: $(STAMP)

# The Debian programs some tests drive (as root): the independent signature verifiers and the console's browser.
# Without them those tests skip and say why; .ci/run installs the same list.
tools:
	apt-get update -q
	DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
		xmlsec1 openjdk-17-jdk-headless nodejs npm chromium wrk

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	rm -f $(VENV)/.installed-*
	touch $@

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache
