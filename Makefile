# The two commands a newcomer needs: `make run` and `make test`. See README.md.
VENV ?= .venv
PY := $(VENV)/bin/python
PORT ?= 8000
# Two pytest workers (pytest-xdist) by default; `make test PYTEST_ARGS=` runs in one process.
PYTEST_ARGS ?= -n 2
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: run test fuzz lint format prepare-serve serve serve-edge worker bench clean venv venv-dev lighthouse screenshots

$(PY):
	python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip

# Stamp files: reinstall only when a requirements file changes.
$(VENV)/.req: requirements.txt | $(PY)
	$(PY) -m pip install -q -r requirements.txt
	touch $@

$(VENV)/.req-dev: requirements.txt requirements-dev.txt | $(PY)
	$(PY) -m pip install -q -r requirements-dev.txt
	touch $@ $(VENV)/.req

venv: $(VENV)/.req
venv-dev: $(VENV)/.req-dev

run: venv
	$(PY) manage.py compile_translations
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed_demo
	$(PY) manage.py ensure_admin
	@echo "Serving on http://127.0.0.1:$(PORT)/ (admin at /admin/). Ctrl-C to stop."
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

# The linters first (the `lint` target), then the suite.
test: lint
	@bash scripts/ensure_chromium.sh
	@bash scripts/ensure_varnish.sh
	$(PY) manage.py compile_translations
	@DJANGO_SETTINGS_MODULE=practice.settings.test $(PY) -c "import django; django.setup(); \
	from django.db import connection as c; \
	print(f'Test suite database engine: {c.vendor} ({c.settings_dict[\"ENGINE\"]})')"
	$(PY) -m pytest $(PYTEST_ARGS)

# The hostile-input fuzz suite alone, long: random examples, 2,000 per property (make test
# runs the same properties with a fixed, bounded set). FUZZ_PROFILE=ci for the short one.
FUZZ_PROFILE ?= long
fuzz: venv-dev
	HYPOTHESIS_PROFILE=$(FUZZ_PROFILE) $(PY) -m pytest tests/fuzz -m fuzz $(PYTEST_ARGS)

# Production settings under gunicorn; needs SECRET_KEY (and DATABASE_URL for PostgreSQL).
# On plain http (a loopback trial) also set SECURE_SSL_REDIRECT=false SECURE_COOKIES=false.
PROD := DJANGO_SETTINGS_MODULE=practice.settings.production
prepare-serve: venv
	$(PROD) $(PY) manage.py compile_translations
	$(PROD) $(PY) manage.py collectstatic --noinput -v0
	$(PROD) $(PY) manage.py write_release_id
	$(PROD) $(PY) manage.py migrate --noinput
	$(PROD) $(PY) manage.py setup_roles
serve: prepare-serve
	$(PROD) PORT=$(PORT) $(VENV)/bin/gunicorn --config gunicorn.conf.py

# The same, with Varnish in front (docs/deployment.md): Varnish on $(PORT), gunicorn on
# loopback at BACKEND_PORT (default PORT + 1), purged by the app on every publish.
serve-edge: prepare-serve
	@bash scripts/ensure_varnish.sh
	$(PROD) PORT=$(PORT) $(PY) scripts/edge.py

# The background task worker (booking emails); run one or more beside the web servers.
worker: venv
	$(PROD) $(PY) manage.py compile_translations
	$(PROD) $(PY) manage.py run_worker

# Load test of the served site (gunicorn, PostgreSQL, Redis, whitenoise) with wrk; see README.
bench: venv
	$(PY) scripts/bench.py

# Lighthouse (mobile) on every public page type of a running site: start `make serve` first
# (or set BASE_URL). The npm package is pinned in tools/lighthouse/ and runs Debian's Chromium.
BASE_URL ?= http://127.0.0.1:$(PORT)
tools/lighthouse/node_modules/.bin/lighthouse: tools/lighthouse/package.json tools/lighthouse/package-lock.json
	cd tools/lighthouse && npm ci --no-audit --no-fund
	touch $@
lighthouse: venv tools/lighthouse/node_modules/.bin/lighthouse
	@bash scripts/ensure_chromium.sh
	CHROME_PATH=/usr/bin/chromium $(PY) scripts/lighthouse.py $(BASE_URL)

# Full-page screenshots of every public page type at 390 and 1280 px, and the staff screens
# when STAFF_USER and STAFF_PASSWORD are set, into var/screenshots/ (site running at BASE_URL).
screenshots: venv-dev
	@bash scripts/ensure_chromium.sh
	$(PY) scripts/screenshots.py $(BASE_URL)

# What .pre-commit-config.yaml runs on a commit, here over the whole tree: ruff, djLint on the
# templates, pre-commit-hooks' whitespace fixers on every tracked text file (like the hooks,
# they fix what they find and fail), and mypy over the core packages and the booking core.
lint: venv-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/djlint templates --lint
	git grep -Ilz -e '' | xargs -0 $(VENV)/bin/trailing-whitespace-fixer
	git grep -Ilz -e '' | xargs -0 $(VENV)/bin/end-of-file-fixer
	$(VENV)/bin/mypy
	$(VENV)/bin/lint-imports

format: venv-dev
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .
	git grep -Ilz -e '' | xargs -0 $(VENV)/bin/trailing-whitespace-fixer || true
	git grep -Ilz -e '' | xargs -0 $(VENV)/bin/end-of-file-fixer || true

clean:
	rm -rf $(VENV) staticfiles var .pytest_cache .ruff_cache .mypy_cache
