# Twee commando's op een schone machine met Python 3.11+ en make: `make demo` en `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.geinstalleerd
# de demo schaalt twee gemeenten op naar hun caseload; alleen de demo leest dit bestand
DEMO_INSTELLINGEN := voorbeeld/casuskosten.toml

.PHONY: demo test test-snel lint bench clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/casuskosten bereken casussen --tarieven tarieven --instellingen $(DEMO_INSTELLINGEN)
	mkdir -p uitvoer
	$(BIN)/casuskosten vergelijk casussen --tarieven tarieven --instellingen $(DEMO_INSTELLINGEN) --formaat html --uit uitvoer/vergelijking.html
	$(BIN)/casuskosten vergelijk casussen --tarieven tarieven --instellingen $(DEMO_INSTELLINGEN) --formaat pdf --uit uitvoer/vergelijking.pdf
	$(BIN)/casuskosten rapport casussen --tarieven tarieven --instellingen $(DEMO_INSTELLINGEN) --formaat html --uit uitvoer
	$(BIN)/casuskosten rapport casussen --tarieven tarieven --instellingen $(DEMO_INSTELLINGEN) --formaat pdf --uit uitvoer
	$(BIN)/casuskosten export casussen --tarieven tarieven --instellingen $(DEMO_INSTELLINGEN) --formaat xlsx --uit uitvoer/casuskosten.xlsx
	@echo "Rapporten (HTML en PDF) per gemeente, de vergelijking en de Excel-export staan in $(CURDIR)/uitvoer/"

test: $(STAMP)
	$(BIN)/python -m pytest
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/mypy
	$(BIN)/lint-imports

# de snelle deelverzameling tijdens het werk (zonder de tests met het merkteken traag); `make test` draait alles
test-snel: $(STAMP)
	$(BIN)/python -m pytest -m "not traag"

bench: $(STAMP)
	$(BIN)/python benchmarks/meet.py

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/mypy
	$(BIN)/lint-imports

clean:
	rm -rf $(VENV) uitvoer .pytest_cache .mypy_cache .ruff_cache
