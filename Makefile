# The E-portal. `make help` lists the targets.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
SEARCH_PORT ?= 9200
REDIS_PORT ?= 6379
REDIS_PID := /tmp/eportal-redis-$(REDIS_PORT).pid
DEMO_BUNDLE := resources/demo/bundle.json
export SEARCH_PORT

.DEFAULT_GOAL := help
.PHONY: help install run migrate messages demo test lint engine engine-stop engine-cluster \
	engine-cluster-stop redis redis-stop check clean

help: ## List the targets
	@grep -hE '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*?## "} {printf "  %-20s %s\n", $$1, $$2}'

$(VENV)/.installed: requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt -r requirements-dev.txt
	touch $@

# axe-core for the browser tests (tests/e2e); the portal itself needs no Node.
node_modules/.package-lock.json: package.json package-lock.json
	@if command -v npm >/dev/null; then npm ci --no-audit --no-fund --loglevel=error; \
	else echo "npm not found: the browser tests will be skipped (fail under CI=true)"; fi

install: $(VENV)/.installed node_modules/.package-lock.json ## Create .venv and install the pinned requirements (and axe-core with npm)

messages: install ## Compile the interface translations in locale/
	$(PY) manage.py compile_catalogues

migrate: install ## Bring the database schema up to date
	$(PY) manage.py migrate --noinput

demo: migrate ## Load the demo content and the local-only demo accounts (idempotent)
	$(PY) manage.py setup_portal
	@if [ -f $(DEMO_BUNDLE) ]; then $(PY) manage.py import_bundle $(DEMO_BUNDLE); fi
	$(PY) manage.py load_search_demo
	@echo "Demo accounts for local use only (passwords in docs/EDITORS.md):"
	$(PY) manage.py create_demo_users

run: messages demo ## Install, migrate, load the demo and serve on http://127.0.0.1:8000
	$(PY) manage.py runserver $(HOST):$(PORT)

test: messages ## Run the whole suite as CI does: starts the local engine (POSTGRES=1: on PostgreSQL too)
	@tools/test-services.sh
ifdef POSTGRES
	url="$$(tools/test-services.sh postgres)" && DATABASE_URL="$$url" $(PY) -m pytest $(PYTEST_ARGS)
else
	$(PY) -m pytest $(PYTEST_ARGS)
endif

check: install ## Lint and format, the import layers, Django system checks, migrations up to date
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(PY) -m tests.architecture.layers
	$(PY) manage.py check
	$(PY) manage.py makemigrations --check --dry-run

lint: install ## Lint with ruff, and format the code
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format .

engine: ## Start a local OpenSearch node on 127.0.0.1:$(SEARCH_PORT) (OPENSEARCH_VERSION=3.x for 3.x)
	tools/opensearch/start.sh

engine-stop: ## Stop the local OpenSearch node
	tools/opensearch/stop.sh

engine-cluster: ## Start a three-node OpenSearch cluster on 127.0.0.1:9201-9203; returns once green
	tools/opensearch/cluster.sh start

engine-cluster-stop: ## Stop the three-node cluster
	tools/opensearch/cluster.sh stop

# The shared cache (CACHE_URL=redis://127.0.0.1:$(REDIS_PORT)/0): Debian's
# redis-server, in memory only, evicting the least recently used keys when full.
redis: ## Start a local Redis on 127.0.0.1:$(REDIS_PORT) for CACHE_URL (installs Debian's redis-server if absent)
	@command -v redis-server >/dev/null || apt-get install -y -qq --no-install-recommends redis-server >/dev/null
	@if [ -f $(REDIS_PID) ] && kill -0 $$(cat $(REDIS_PID)) 2>/dev/null; then \
		echo "Redis already running on port $(REDIS_PORT)"; \
	else \
		redis-server --port $(REDIS_PORT) --bind 127.0.0.1 --daemonize yes --pidfile $(REDIS_PID) \
			--save "" --appendonly no --dir /tmp --maxmemory 256mb --maxmemory-policy allkeys-lru; \
		for i in $$(seq 50); do redis-cli -p $(REDIS_PORT) ping >/dev/null 2>&1 && break; sleep 0.1; done; \
		redis-cli -p $(REDIS_PORT) ping >/dev/null && echo "Redis on redis://127.0.0.1:$(REDIS_PORT)/0"; \
	fi

redis-stop: ## Stop the local Redis started by `make redis`
	@if [ -f $(REDIS_PID) ]; then kill $$(cat $(REDIS_PID)) && rm -f $(REDIS_PID); fi

clean: ## Remove the virtualenv, the SQLite database and media
	rm -rf $(VENV) db.sqlite3 media static_collected
