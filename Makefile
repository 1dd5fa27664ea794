# leveltwo — set-up is two commands: `make demo` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-core
DEVSTAMP := $(VENV)/.installed-dev

.PHONY: demo serve bytecode test lint typecheck pytest bench browser-deps postgres-deps pdf-deps clean

$(BIN)/python:
	$(PYTHON) -c 'import sys; sys.exit("leveltwo needs Python 3.11 or newer") if sys.version_info < (3, 11) else None'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e '.[web]'
	touch $(STAMP)

$(DEVSTAMP): $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e '.[web,dev,postgres,pdf,dask,negmas]'
	touch $(STAMP) $(DEVSTAMP)

# An editable install leaves leveltwo's own modules uncompiled, and with
# PYTHONDONTWRITEBYTECODE set Python would compile all of them again at every command
# (a fifth of `leveltwo analyze`'s start-up, docs/performance.md). Compile them as a
# wheel install does; compileall skips the files whose bytecode is current.
bytecode: $(BIN)/python
	@$(BIN)/python -m compileall -q src/leveltwo >/dev/null

demo: $(STAMP) bytecode
	$(BIN)/leveltwo demo

serve: $(STAMP) bytecode
	$(BIN)/leveltwo serve

# Browser tests drive Debian's Chromium; install it when it is missing and we may.
browser-deps:
	@if [ ! -x /usr/bin/chromium ]; then \
	  if [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null; then \
	    echo "Installing Debian's chromium for the browser tests..."; \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-dejavu-core >/dev/null) \
	      || echo "warning: could not install chromium; browser tests will be skipped"; \
	  else \
	    echo "warning: /usr/bin/chromium not found and not root; browser tests will be skipped"; \
	  fi; \
	fi

# `leveltwo report --pdf` renders with WeasyPrint, which needs Pango; install Debian's
# libraries when they are missing and we may (the PDF tests are skipped without them).
pdf-deps:
	@if ! ldconfig -p 2>/dev/null | grep -q libpangoft2-1.0; then \
	  if [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null; then \
	    echo "Installing Debian's pango libraries for PDF reports..."; \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core >/dev/null) \
	      || echo "warning: could not install pango; PDF reports and their tests will be unavailable"; \
	  else \
	    echo "warning: pango not found and not root; PDF reports and their tests will be unavailable"; \
	  fi; \
	fi

# The PostgreSQL store tests start (and remove) a throwaway server of their own; they need
# the server binaries. Install Debian's postgresql when they are missing and we may, without
# a default cluster, so that nothing is left running as a service.
postgres-deps:
	@if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 \
	    && [ ! -x "$$(pg_config --bindir 2>/dev/null)/initdb" ]; then \
	  if [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null; then \
	    echo "Installing Debian's postgresql for the PostgreSQL store tests..."; \
	    mkdir -p /etc/postgresql-common/createcluster.d; \
	    echo "create_main_cluster = false" > /etc/postgresql-common/createcluster.d/leveltwo.conf; \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql >/dev/null) \
	      || echo "warning: could not install postgresql; the PostgreSQL store tests will be skipped"; \
	  else \
	    echo "warning: PostgreSQL server binaries not found and not root; the PostgreSQL store tests will be skipped"; \
	  fi; \
	fi

lint: $(DEVSTAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks

typecheck: $(DEVSTAMP)
	$(BIN)/mypy

pytest: $(DEVSTAMP) bytecode browser-deps postgres-deps pdf-deps
	$(BIN)/python -m pytest -n 2 -q; rc=$$?; if [ $$rc -eq 5 ]; then echo "no tests collected"; exit 0; fi; exit $$rc

test: lint typecheck pytest

bench: $(STAMP) bytecode
	$(BIN)/python benchmarks/run.py
	$(BIN)/python benchmarks/casefuzz.py --mutants 400 --quiet

clean:
	rm -rf $(VENV) build dist .pytest_cache .mypy_cache .ruff_cache
