#!/usr/bin/env bash
# End-to-end tests: builds the server, starts it on a fresh SQLite file and
# runs tests/e2e (node --test) against it with real GraphQL clients, the
# graphql-http audits, Apollo Federation, GraphQL Code Generator with tsc
# (all installed by `npm ci` from tests/e2e/package-lock.json) and a headless
# chromium.
# Run from anywhere; .ci/run calls it after `go test ./...`.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
start=$(date +%s)

say() { printf '\n== e2e: %s\n' "$*"; }

tmp=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do
    kill -TERM "$pid" 2>/dev/null || true
  done
  for pid in "${pids[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
  rm -rf "$tmp"
}
trap cleanup EXIT

say "npm ci"
(cd tests/e2e && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)

if [ ! -x /usr/bin/chromium ]; then
  say "installing chromium (Debian)"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >/dev/null
fi

say "build"
go build -o "$tmp/factgraph" .
bin="$tmp/factgraph"

free_port() {
  node -e 'const s = require("net").createServer().listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); })'
}

# start_server NAME ARGS...: starts the server on a free loopback port with a
# fresh database; sets $url and records the pid.
start_server() {
  local name=$1 port
  shift
  port=$(free_port)
  "$bin" -addr "127.0.0.1:$port" -db "$tmp/$name.db" -playground-assets tests/e2e "$@" >"$tmp/$name.log" 2>&1 &
  pids+=($!)
  url="http://127.0.0.1:$port"
  for _ in $(seq 1 150); do
    if curl -fsS "$url/readyz" >/dev/null 2>&1; then return 0; fi
    kill -0 "${pids[-1]}" 2>/dev/null || break
    sleep 0.1
  done
  echo "server $name did not become ready:"; cat "$tmp/$name.log"; exit 1
}

# stop_server NAME: SIGTERM, and the server must exit 0.
stop_server() {
  local name=$1 pid=${pids[-1]} code=0
  kill -TERM "$pid"
  wait "$pid" || code=$?
  unset 'pids[-1]'
  if [ "$code" -ne 0 ]; then
    echo "server $name exited $code after SIGTERM:"; cat "$tmp/$name.log"; exit 1
  fi
  echo "server $name stopped cleanly"
}

help=$("$bin" -h 2>&1 || true)
has_flag() { grep -qE "^[[:space:]]+-$1( |$)" <<<"$help"; }

main_args=()
auth_env=()
if has_flag auth; then
  main_args+=(-auth off)
  say "API key for the authentication test"
  if out=$("$bin" apikey create -db "$tmp/auth.db" -name e2e -role editor 2>"$tmp/apikey.log"); then
    key=$(grep -oE '[A-Za-z0-9_.~+/=-]{20,}' <<<"$out" | head -n 1 || true)
    if [ -n "$key" ]; then
      start_server auth
      auth_env=(FACTGRAPH_AUTH_URL="$url" FACTGRAPH_API_KEY="$key")
      echo "server with API keys (-auth writes) at $url"
    else
      echo "skipping the API key test: no key in the output of 'factgraph apikey create': $out"
    fi
  else
    echo "skipping the API key test: 'factgraph apikey create -role editor' failed: $(cat "$tmp/apikey.log")"
  fi
else
  echo "this build has no -auth flag: nothing to turn off, no API key test"
fi

say "server"
start_server main "${main_args[@]}"
echo "server at $url"

say "node --test"
(cd tests/e2e && env FACTGRAPH_URL="$url" "${auth_env[@]}" node --test --test-reporter=spec)

say "shutdown"
stop_server main
if [ ${#auth_env[@]} -gt 0 ]; then stop_server auth; fi

echo "e2e passed in $(($(date +%s) - start))s"
