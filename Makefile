# Twee commando's op een schone machine met Python 3.11+ en make: `make demo` en `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.geinstalleerd
# de demo heeft alleen het pakket nodig; de tests ook hun gereedschap (pytest, ruff, mypy ...)
DEMO_STAMP := $(VENV)/.pakket
# de demo schaalt twee gemeenten op naar hun caseload; alleen de demo leest dit bestand
DEMO_INSTELLINGEN := voorbeeld/casuskosten.toml
# de echte yaml-language-server voor tests/test_editor_schema.py, met de versie uit tests/lsp/package-lock.json
NODE_MAP := $(VENV)/node
NODE_STAMP := $(NODE_MAP)/.geinstalleerd

.PHONY: demo test test-snel lint bench clean

$(DEMO_STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	touch $(DEMO_STAMP)

$(STAMP): $(DEMO_STAMP)
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

# zonder npm geen fout hier: de editortest faalt dan zelf, met de uitleg wat te installeren
$(NODE_STAMP): tests/lsp/package.json tests/lsp/package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
		mkdir -p $(NODE_MAP) && cp tests/lsp/package.json tests/lsp/package-lock.json $(NODE_MAP)/ && \
		cd $(NODE_MAP) && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error && touch .geinstalleerd; \
	else \
		echo "LET OP: npm (Node.js 18 of nieuwer) ontbreekt; tests/test_editor_schema.py faalt tot het er is" \
			"(Debian/Ubuntu: sudo apt-get install nodejs npm; anders https://nodejs.org)"; \
	fi

demo: $(DEMO_STAMP)
	$(BIN)/casuskosten bereken casussen --tarieven tarieven --instellingen $(DEMO_INSTELLINGEN)
	mkdir -p uitvoer
	$(BIN)/casuskosten vergelijk casussen --tarieven tarieven --instellingen $(DEMO_INSTELLINGEN) --formaat html --uit uitvoer/vergelijking.html
	$(BIN)/casuskosten vergelijk casussen --tarieven tarieven --instellingen $(DEMO_INSTELLINGEN) --formaat pdf --uit uitvoer/vergelijking.pdf
	$(BIN)/casuskosten rapport casussen --tarieven tarieven --instellingen $(DEMO_INSTELLINGEN) --formaat html --uit uitvoer
	$(BIN)/casuskosten rapport casussen --tarieven tarieven --instellingen $(DEMO_INSTELLINGEN) --formaat pdf --uit uitvoer
	$(BIN)/casuskosten export casussen --tarieven tarieven --instellingen $(DEMO_INSTELLINGEN) --formaat xlsx --uit uitvoer/casuskosten.xlsx
	@echo "Rapporten (HTML en PDF) per gemeente, de vergelijking en de Excel-export staan in $(CURDIR)/uitvoer/"

# zonder chromium geen stille overslag: de browsertests falen zelf, met de uitleg wat te installeren
test: $(STAMP) $(NODE_STAMP)
	@command -v chromium >/dev/null 2>&1 || [ -x /usr/bin/chromium ] || [ -n "$$CASUSKOSTEN_CHROMIUM" ] || \
		echo "LET OP: chromium ontbreekt; de browsertests (tests/test_html_browser.py, tests/test_sessie_browser.py) falen tot het er is" \
			"(Debian/Ubuntu: sudo apt-get install chromium; elders: het pad in CASUSKOSTEN_CHROMIUM)"
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
