.PHONY: demo test setup lint
demo:            ## same as scripts/demo.sh
	scripts/demo.sh
test:            ## same as scripts/test.sh
	scripts/test.sh
setup:
	scripts/setup.sh all,test
lint:
	.venv/bin/ruff check src tests benchmarks
