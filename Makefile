# The two commands the README starts with: `make demo` and `make test`.
PYTHON ?= python3
SHARED ?= ../shared
OUT ?= out

.PHONY: setup demo devset test lint bench

setup:
	bash scripts/setup.sh

demo: setup
	vanban extract $(SHARED)/seeds/*.txt --out $(OUT)/seeds
	$(PYTHON) $(SHARED)/eval/score.py $(SHARED)/eval/gold $(OUT)/seeds

# real directives: per-field scores from their texts and from their original files
devset: setup
	bash scripts/devset.sh

lint: setup
	ruff check .

test: lint
	$(PYTHON) -m pytest -q

bench: setup
	$(PYTHON) -m pip install -q -e ".[dev,bench]"
	$(PYTHON) bench/throughput.py
	$(PYTHON) bench/restore.py
	$(PYTHON) bench/ocr.py
	$(PYTHON) bench/batch.py
