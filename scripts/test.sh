#!/usr/bin/env bash
# The test command: installs what the tests need, then runs linters (ruff, import-linter),
# checks and the whole suite on PostgreSQL (with Redis, a real Celery worker and headless
# Chromium), and the non-service tests once more on SQLite (the demo's database).
# Uses DATABASE_URL / TEST_REDIS_URL (or REDIS_URL) when given; otherwise the servers on the
# standard local ports; otherwise starts throwaway ones and stops them afterwards.
# With CI=true a test whose service is missing fails instead of skipping.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
VENV=${VENV:-$ROOT/.venv}

source scripts/bootstrap.sh
bootstrap_python dev
bootstrap_system_packages test

source scripts/services.sh
trap stop_throwaway_services EXIT
ensure_postgres
ensure_redis

if [ -x /usr/bin/chromium ] && [ -z "${CHROMIUM_PATH:-}" ]; then export CHROMIUM_PATH=/usr/bin/chromium; fi

step() { printf '\n==> %s\n' "$*"; }

step "ruff check / ruff format --check"
"$VENV/bin/ruff" check .
"$VENV/bin/ruff" format --check .

step "the house's floors hold (lint-imports, contracts in .importlinter)"
"$VENV/bin/lint-imports"

step "migrations are complete (makemigrations --check)"
env -u DATABASE_URL "$VENV/bin/python" manage.py makemigrations --check --dry-run

step "production settings pass check --deploy with no warning"
env DEBUG=false SECRET_KEY="$("$VENV/bin/python" -c 'import secrets; print(secrets.token_urlsafe(64))')" \
  ALLOWED_HOSTS=portal.example.org DATABASE_URL="${DATABASE_URL:-postgres://localhost/x}" \
  REDIS_URL="${TEST_REDIS_URL:-redis://localhost:6379/0}" EMAIL_URL="smtp://localhost:25" \
  "$VENV/bin/python" manage.py check --deploy --fail-level WARNING

status=0
if [ -n "${DATABASE_URL:-}" ]; then
  step "test suite on PostgreSQL ($DATABASE_URL)"
  "$VENV/bin/pytest" "$@" || status=$?
  # The demo's database: every test that touches the database and needs no service runs
  # again on SQLite. Tests that never touch it (engines, settings, architecture) and the
  # permission matrix (vendor_neutral: decided in Python over the ORM) ran above already.
  step "test suite on SQLite (database tests that need no external service)"
  env -u DATABASE_URL "$VENV/bin/pytest" -q "$@" \
    -m "not services and not e2e and not no_database and not vendor_neutral" || status=$?
else
  step "test suite on SQLite (no PostgreSQL available)"
  "$VENV/bin/pytest" "$@" || status=$?
fi
exit $status
