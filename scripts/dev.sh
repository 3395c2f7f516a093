#!/usr/bin/env bash
# The run command: installs everything, migrates, seeds the demo and serves the portal at
# http://127.0.0.1:8000 on SQLite with Celery tasks run in process (no Redis needed).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
VENV=${VENV:-$ROOT/.venv}

source scripts/bootstrap.sh
bootstrap_python
bootstrap_system_packages

# The demo always runs on the embedded default, whatever the shell has exported.
unset DATABASE_URL REDIS_URL
"$VENV/bin/python" manage.py migrate --no-input
"$VENV/bin/python" manage.py seed_demo
echo
echo "Serving the demo at http://127.0.0.1:8000  (Ctrl+C to stop)"
exec "$VENV/bin/python" manage.py runserver "${PORT:-127.0.0.1:8000}"
