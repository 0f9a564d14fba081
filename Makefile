# village-kiosk — the two commands that matter on a fresh Debian/Ubuntu machine:
#   make demo   set up everything and run the demo
#   make test   set up everything and run ruff, mypy and the test suite
# Both create .venv and, when run as root, apt-install the system packages.

SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DEMO_DIR ?= demo-data
# The demo's reference date (YYYY-MM-DD); empty: today.
DEMO_TODAY ?=
DEMO_TODAY_ARG := $(if $(DEMO_TODAY),--today $(DEMO_TODAY))
# System packages (Debian names): CJK font for screens and receipts; PulseAudio
# client lib that QtVirtualKeyboard's plugin links; pcscd + vpcd + headers for
# the PC/SC reader tests; PostgreSQL for the county server tests; zbar to
# decode receipt QR codes in tests; shellcheck for deploy scripts; gcc and
# python3-dev to build pyscard (no Linux wheel) against libpcsclite-dev;
# systemd (systemd-analyze verify, systemd-tmpfiles, systemctl --root) and
# openssl for the deploy/ tests of install.sh and the units; cage (+ xwayland,
# and libwayland-cursor0 for Qt) to run the kiosk under the real compositor;
# chromium for the county console's browser tests (Playwright drives it);
# espeak-ng (voice cmn-latn-pinyin) for the read-aloud of villager screens;
# pulseaudio (a private server with a tone as its microphone, in tests) and
# opus-tools (opusenc/opusdec) for spoken complaints;
# nginx to run the IT-staff guide's proxy config in front of the county server.
APT_PACKAGES := fonts-noto-cjk libpulse0 pulseaudio pulseaudio-utils opus-tools \
                libpcsclite-dev pcscd vsmartcard-vpcd \
                postgresql libzbar0 shellcheck fonts-dejavu-core gcc python3-dev \
                systemd openssl cage xwayland libwayland-cursor0 chromium \
                espeak-ng nginx

.PHONY: all deps system-deps demo test lint typecheck pytest bench clean translations ts

all: test

system-deps: $(VENV)/.system-deps
$(VENV)/.system-deps: Makefile
	@mkdir -p $(VENV)
	@if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  missing=$$(for p in $(APT_PACKAGES); do dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q 'install ok installed' || echo $$p; done); \
	  if [ -n "$$missing" ]; then \
	    echo "apt-get install $$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing; \
	  fi; \
	else \
	  echo "not root: skipping apt-get; install yourself: $(APT_PACKAGES)"; \
	fi
	@touch $@

# The kiosk and the county server (`make demo`), then the test tools (`make deps`).
deps: $(VENV)/.installed translations
$(VENV)/.installed-app: pyproject.toml $(VENV)/.system-deps
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[kiosk,county]'
	@touch $@
$(VENV)/.installed: $(VENV)/.installed-app
	$(BIN)/python -m pip install -q -e '.[test]'
	@touch $@

# The second languages (ui/i18n, Qt's translation system): .ts files hold the
# translations (committed), .qm files are built from them here (not committed).
# `make ts` refreshes the .ts files from the QML's qsTr() strings, keeping what is
# translated; new strings show as unfinished in Qt Linguist (pyside6-linguist).
TS_FILES := ui/i18n/village_kiosk_en.ts ui/i18n/village_kiosk_ug.ts
QM_FILES := $(TS_FILES:.ts=.qm)
translations: $(QM_FILES)
ui/i18n/%.qm: ui/i18n/%.ts $(VENV)/.installed-app
	$(BIN)/pyside6-lrelease -silent $< -qm $@
# Python modules with villager-visible text marked by ui.tr (tr(), QT_TR_NOOP).
TR_PY = ui/tr.py ui/wording.py ui/app.py ui/playback.py ui/usb_update.py ui/viewmodels/*.py
ts: $(VENV)/.installed-app
	for ts in $(TS_FILES); do \
	  lang=$${ts##*_}; lang=$${lang%.ts}; \
	  $(BIN)/pyside6-lupdate ui/qml/VillageKiosk/*.qml $(TR_PY) -source-language zh_CN \
	    -target-language $$lang -ts $$ts; \
	done

# Seeds the demo village, shows one person's benefits in the terminal, then
# opens the kiosk window with an emulated card reader and printer (on a
# machine without a display it runs the offscreen tour instead). Installs the
# kiosk and the county server only, not the test tools.
demo: $(VENV)/.installed-app translations
	$(BIN)/kiosk db seed-demo --config deploy/demo.toml --cards $(DEMO_DIR)/cards $(DEMO_TODAY_ARG)
	$(BIN)/kiosk lookup 43122619560322079X --config deploy/demo.toml
	$(BIN)/kiosk demo --dir $(DEMO_DIR) $(DEMO_TODAY_ARG)

lint: deps
	$(BIN)/ruff check .

typecheck: deps
	$(BIN)/mypy kiosk drivers sync update ui county demo tests

# Four workers, a test file each at a time: module fixtures run once, and the tests
# (mostly waiting on servers, devices and subprocesses) keep 2 cores busy. Files go
# out in collection order, where tests/conftest.py puts the long ones first (xdist
# would otherwise hand out files with many tests first, and one-test files that take
# minutes last).
PYTEST_WORKERS ?= 4
pytest: deps
	$(BIN)/python -m pytest -n $(PYTEST_WORKERS) --dist loadfile --no-loadscope-reorder

test: lint typecheck pytest

bench: deps
	$(BIN)/python tests/bench/bench_startup.py
	$(BIN)/python tests/bench/bench_lookup.py
	$(BIN)/python tests/bench/bench_idcard.py
	$(BIN)/python tests/bench/bench_receipt.py
	$(BIN)/python tests/bench/bench_county.py
	$(BIN)/python tests/bench/bench_sync.py
	$(BIN)/python tests/bench/bench_update.py
	$(BIN)/python tests/bench/bench_release.py
	$(BIN)/python tests/bench/bench_ui.py
	$(BIN)/python tests/bench/bench_theft.py
	$(BIN)/python tests/bench/bench_console.py
	$(BIN)/python tests/bench/bench_speech.py

clean:
	rm -rf $(VENV) $(DEMO_DIR) build *.egg-info .pytest_cache .mypy_cache .ruff_cache
