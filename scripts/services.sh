# Sourced by scripts/test.sh. Finds PostgreSQL and Redis, or starts throwaway ones.
#   ensure_postgres -> exports DATABASE_URL (a database of the suite's own)
#   ensure_redis    -> exports TEST_REDIS_URL (its own Redis db number)
#   stop_throwaway_services (trap on exit)

SERVICES_DIR=""
THROWAWAY_PG=""
THROWAWAY_REDIS_PORT=""

_free_port() {
  "$VENV/bin/python" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

_pg_bin() {
  local name=$1
  if command -v "$name" >/dev/null 2>&1; then command -v "$name"; return; fi
  ls /usr/lib/postgresql/*/bin/"$name" 2>/dev/null | sort -V | tail -n 1
}

_can_connect_pg() {
  "$VENV/bin/python" - "$1" <<'PY' >/dev/null 2>&1
import sys, psycopg
psycopg.connect(sys.argv[1], connect_timeout=3).close()
PY
}

ensure_postgres() {
  if [ -n "${DATABASE_URL:-}" ]; then
    echo "PostgreSQL: using DATABASE_URL from the environment"
    return
  fi
  local admin="postgres://postgres@127.0.0.1:5432/postgres"
  if _can_connect_pg "$admin"; then
    export DATABASE_URL="postgres://postgres@127.0.0.1:5432/exchange_portal"
    echo "PostgreSQL: using the server on 127.0.0.1:5432 (test database test_exchange_portal)"
    return
  fi
  local initdb pg_ctl
  initdb=$(_pg_bin initdb)
  if [ -z "$initdb" ] && [ "$(id -u)" = 0 ]; then
    echo "PostgreSQL: not found; installing it (apt-get install -y postgresql)"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
    initdb=$(_pg_bin initdb)
  fi
  pg_ctl=$(_pg_bin pg_ctl)
  if [ -z "$initdb" ] || [ -z "$pg_ctl" ]; then
    echo "PostgreSQL: none running and none installable; the suite runs on SQLite only" >&2
    return
  fi
  SERVICES_DIR=${SERVICES_DIR:-$(mktemp -d /tmp/exchange-portal-services.XXXXXX)}
  chmod 755 "$SERVICES_DIR"
  local port; port=$(_free_port)
  local datadir="$SERVICES_DIR/pg"
  local run=()
  if [ "$(id -u)" = 0 ]; then
    # PostgreSQL refuses to run as root: run the throwaway cluster as the postgres user.
    id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
    mkdir -p "$datadir" && chown postgres "$datadir"
    run=(runuser -u postgres --)
  fi
  echo "PostgreSQL: starting a throwaway server on 127.0.0.1:$port"
  "${run[@]}" "$initdb" -D "$datadir" -U postgres --auth=trust -E UTF8 >/dev/null
  "${run[@]}" "$pg_ctl" -D "$datadir" -l "$datadir/server.log" -w \
    -o "-p $port -k $datadir -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null
  THROWAWAY_PG="$datadir"
  PG_RUN=("${run[@]}")
  PG_CTL="$pg_ctl"
  export DATABASE_URL="postgres://postgres@127.0.0.1:$port/exchange_portal"
}

ensure_redis() {
  if [ -n "${TEST_REDIS_URL:-}" ]; then
    echo "Redis: using TEST_REDIS_URL from the environment"
    return
  fi
  if [ -n "${REDIS_URL:-}" ]; then
    export TEST_REDIS_URL="$REDIS_URL"
    echo "Redis: using REDIS_URL from the environment"
    return
  fi
  if command -v redis-cli >/dev/null 2>&1 && redis-cli -h 127.0.0.1 -p 6379 ping 2>/dev/null | grep -q PONG; then
    # Database 11 is the suite's own; the tests flush only that one.
    export TEST_REDIS_URL="redis://127.0.0.1:6379/11"
    echo "Redis: using the server on 127.0.0.1:6379, db 11"
    return
  fi
  if ! command -v redis-server >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
    echo "Redis: not found; installing it (apt-get install -y redis-server)"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >/dev/null
  fi
  if ! command -v redis-server >/dev/null 2>&1; then
    echo "Redis: none running and none installable; service tests will skip (or fail in CI)" >&2
    return
  fi
  SERVICES_DIR=${SERVICES_DIR:-$(mktemp -d /tmp/exchange-portal-services.XXXXXX)}
  local port; port=$(_free_port)
  echo "Redis: starting a throwaway server on 127.0.0.1:$port"
  redis-server --port "$port" --bind 127.0.0.1 --save "" --appendonly no --daemonize yes \
    --dir "$SERVICES_DIR" --logfile "$SERVICES_DIR/redis.log" --pidfile "$SERVICES_DIR/redis.pid" \
    --maxmemory-policy noeviction >/dev/null
  for _ in $(seq 1 50); do
    redis-cli -p "$port" ping 2>/dev/null | grep -q PONG && break
    sleep 0.1
  done
  THROWAWAY_REDIS_PORT=$port
  export TEST_REDIS_URL="redis://127.0.0.1:$port/0"
}

stop_throwaway_services() {
  if [ -n "$THROWAWAY_PG" ]; then
    "${PG_RUN[@]}" "$PG_CTL" -D "$THROWAWAY_PG" -m fast stop >/dev/null 2>&1 || true
  fi
  if [ -n "$THROWAWAY_REDIS_PORT" ]; then
    redis-cli -p "$THROWAWAY_REDIS_PORT" shutdown nosave >/dev/null 2>&1 || true
  fi
  if [ -n "$SERVICES_DIR" ]; then rm -rf "$SERVICES_DIR"; fi
}
