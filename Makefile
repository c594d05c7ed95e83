# The two commands that matter on a fresh machine:
#   make run   - set up what is missing, then run the main job end to end on the embedded database
#   make test  - set up what is missing, then run the whole test suite (what CI runs)
.PHONY: setup run test ui benchmark clean-data

setup:
	@bash scripts/setup.sh

run: setup
	.venv/bin/vsme run

test: setup
	@bash scripts/test.sh

ui: setup
	.venv/bin/vsme ui

benchmark: setup
	.venv/bin/vsme bench
	.venv/bin/python -m benchmarks

clean-data:
	-.venv/bin/vsme db stop
	rm -rf .vsme .dagster
