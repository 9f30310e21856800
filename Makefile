# The two commands a new machine needs (see README.md):
#   make demo   build e2e/app with the trace aspect, run it, show spans and report
#   make test   every test: the instrumenter's unit tests, then the e2e workspaces
# Everything else (the Bazel sysroot, Python packages) is provisioned on first use.

PYTHON ?= python3.11
VENV := .venv
VENV_STAMP := $(VENV)/.installed
BAZEL := $(CURDIR)/tools/bazel
PYTEST := $(VENV)/bin/python -m pytest

.PHONY: demo test test-slow test-matrix test-goroot unit e2e lint clean bench

demo:
	tools/demo/demo.sh

test: lint unit e2e

$(VENV_STAMP): tools/instrument/requirements_lock.txt tools/instrument/requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install -q -r tools/instrument/requirements_lock.txt -r tools/instrument/requirements-dev.txt
	touch $@

lint: $(VENV_STAMP)
	$(VENV)/bin/ruff check tools/instrument tools/demo tools/offline tools/docs e2e bench
	$(VENV)/bin/ruff format --check tools/instrument tools/demo tools/offline tools/docs e2e bench

# pytest exits 5 when it collects nothing: that is a failure here, not a pass.
unit: $(VENV_STAMP)
	go test ./tools/gofacts
	PYTHONPATH=tools/instrument $(PYTEST) -q tools/instrument/tests
	$(PYTEST) -q tools/docs/tests

e2e: $(VENV_STAMP)
	$(PYTEST) -q e2e

# The e2e tests marked slow, which `make test` skips: the rules_go / Go 1.27 / Bazel 8
# flag matrix, the release archive consumer, the Python toolchain consumer, the non-root
# sysroot and the build/shutdown/rm -rf of a sysroot of its own (see README).
test-slow: $(VENV_STAMP)
	$(PYTEST) -q --run-slow -m slow e2e

# The slow tests .ci/run adds after `make test` when CI's time allows: e2e/app under
# rules_go 0.60 and 0.62, Go 1.27.3 and Bazel 8's flags, rules_go 0.53 refused, the
# release-archive consumer and the Python toolchain consumer (README: Compatibility).
test-matrix: $(VENV_STAMP)
	$(PYTEST) -q --run-slow -m slow e2e/test_compat.py e2e/test_release.py e2e/test_python_toolchains.py

# Not part of `make test`: all of GOROOT/src through the engine (README, Tests):
# bench/robustness.py (parse + positions) and bench/goroot_compile.py (every standard
# package rewritten with the stress profile, then compiled).
test-goroot: $(VENV_STAMP)
	PYTHONPATH=tools/instrument $(PYTEST) -q --run-slow tools/instrument/tests/test_goroot_slow.py

# Not part of `make test`: build-cost ratios for people to read (bench/run.py, README).
bench: $(VENV_STAMP)
	$(VENV)/bin/python bench/run.py $(BENCH_ARGS)

# Bazel's outputs, then the sysroot tools/bazel made (never through a mount); a
# machine without a sysroot is not provisioned just to be cleaned.
clean:
	rm -rf $(VENV)
	for w in . e2e/*/; do (cd $$w && RGI_NO_PROVISION=1 $(BAZEL) clean --expunge 2>/dev/null || true); done
	$(BAZEL) --remove-sysroot
