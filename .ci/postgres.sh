# Installs PostgreSQL from Debian's packages if needed and starts a private
# cluster in a temporary folder on 127.0.0.1:55432. Sets PG_URL.
# Sourced by .ci/run; usable by hand: source .ci/postgres.sh && start_postgres
start_postgres() {
  if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  fi
  PG_BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
  PG_DIR=$(mktemp -d /tmp/factgraph-pg.XXXXXX)
  chown postgres "$PG_DIR" 2>/dev/null || true
  PG_AS=()
  [ "$(id -u)" = 0 ] && PG_AS=(runuser -u postgres --)
  "${PG_AS[@]}" "$PG_BIN/initdb" -D "$PG_DIR/data" -U factgraph --auth=trust -E UTF8 >/dev/null
  "${PG_AS[@]}" "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/log" -o "-p 55432 -k $PG_DIR -c listen_addresses=127.0.0.1" -w start >/dev/null
  "${PG_AS[@]}" "$PG_BIN/createdb" -h 127.0.0.1 -p 55432 -U factgraph factgraph
  PG_URL="postgres://factgraph@127.0.0.1:55432/factgraph?sslmode=disable"
  export PG_URL PG_DIR
}

stop_postgres() {
  [ -n "${PG_DIR:-}" ] || return 0
  "${PG_AS[@]}" "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m fast stop >/dev/null 2>&1 || true
  rm -rf "$PG_DIR"
}
