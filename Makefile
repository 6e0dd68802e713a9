# The two commands of README.md: `make run` and `make test`.
PYTHON ?= python3
VENV ?= .venv
export PYTHON VENV

.PHONY: run test lint wheels venv clean clean-db

$(VENV)/.coop-ready: requirements.txt tools/bootstrap.sh
	@bash tools/bootstrap.sh

venv: $(VENV)/.coop-ready

## Start Odoo 18 with our addons on the demo database (http://localhost:8069), with its scheduled jobs.
run: venv
	@$(VENV)/bin/python tools/coopctl.py run

## Everything that proves the product works; the last line is "N passed, M failed" (README.md).
test: venv
	@$(VENV)/bin/python tools/coopctl.py test

lint: venv
	@$(VENV)/bin/python tools/coopctl.py test --only lint

wheels: venv
	@$(VENV)/bin/python tools/coopctl.py test --only wheels

## Drop the demo and template databases made by `make run` / `make test`.
clean-db: venv
	@$(VENV)/bin/python tools/coopctl.py clean-db

clean:
	rm -rf $(VENV) .odoo dist artifacts
