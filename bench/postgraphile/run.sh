#!/usr/bin/env bash
# Serves the same PostgreSQL database through factgraph and through PostGraphile (installed here
# from npm) and loads both in turn with the deep page (16 clients by default, bench/load), so
# their throughput is compared in one run on one machine.
#
#   bench/postgraphile/run.sh 'postgres://user@127.0.0.1:5432/factgraph?sslmode=disable'
#
# The database must hold factgraph's tables, filled e.g. with
#   factgraph bench -write /tmp/corpus.jsonl -n 10000
#   factgraph ingest -db "$DB" /tmp/corpus.jsonl
# Environment: CLIENTS (16), DURATION (15s), ROUNDS (2), FG_PORT (47310), PG_PORT (47311).
set -euo pipefail
DB=${1:?usage: run.sh POSTGRES_URL}
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
FG_PORT=${FG_PORT:-47310}
PG_PORT=${PG_PORT:-47311}
work=$(mktemp -d)
pids=()
cleanup() {
	for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
	rm -rf "$work"
}
trap cleanup EXIT

(cd "$here" && npm install --no-audit --no-fund --silent)
(cd "$root" && go build -o "$work/factgraph" . && go build -o "$work/load" ./bench/load)

"$work/factgraph" -db "$DB" -addr "127.0.0.1:$FG_PORT" -auth off -access-log=false -log-level warn &
pids+=($!)
"$here/node_modules/.bin/postgraphile" -c "$DB" --schema public --host 127.0.0.1 --port "$PG_PORT" \
	--disable-query-log >"$work/postgraphile.log" 2>&1 &
pids+=($!)

# Wait for both to answer.
for url in "http://127.0.0.1:$FG_PORT/query" "http://127.0.0.1:$PG_PORT/graphql"; do
	for _ in $(seq 100); do
		curl -fsS -o /dev/null -H 'Content-Type: application/json' -d '{"query":"{ __typename }"}' "$url" && break
		sleep 0.2
	done
done

echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
"$work/load" -clients "${CLIENTS:-16}" -duration "${DURATION:-15s}" -rounds "${ROUNDS:-2}" \
	-target "factgraph=http://127.0.0.1:$FG_PORT/query=$here/factgraph-deep.graphql" \
	-target "postgraphile=http://127.0.0.1:$PG_PORT/graphql=$here/postgraphile-deep.graphql"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
