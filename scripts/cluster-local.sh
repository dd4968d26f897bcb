#!/usr/bin/env bash
# Starts the scale-out layout as processes on this machine, so you can try it (docs/SCALING.md): PostgreSQL (through
# scripts/ensure-postgres.sh, a throwaway cluster), one API process and two workers, sharing one PostgreSQL database
# (keys and spend, the step queue, the batch store) and one files folder. Prints the API's URL and the admin key;
# Ctrl+C stops the three processes (PostgreSQL keeps running: scripts/ensure-postgres.sh --stop).
#   scripts/cluster-local.sh [--workers N] [--port 8080] [--files DIR] [-- extra `cuboid serve` options]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
workers=2
port=8080
store="${TMPDIR:-/tmp}/cuboid-cluster"
extra=()
while [ $# -gt 0 ]; do
  case "$1" in
    --workers) workers="$2"; shift 2 ;;
    --port) port="$2"; shift 2 ;;
    --files|--store) store="$2"; shift 2 ;;
    --) shift; extra=("$@"); break ;;
    *) echo "cluster-local.sh: unknown option $1 (--workers N, --port P, --files DIR, -- serve options)" >&2; exit 2 ;;
  esac
done

server=$("$here/scripts/ensure-postgres.sh")
database=cuboid_cluster
psql="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)/psql"
if ! "$psql" "postgresql://postgres@127.0.0.1:${CUBOID_PG_PORT:-55432}/postgres" -tAc "SELECT 1 FROM pg_database WHERE datname = '$database'" | grep -q 1; then
  "$psql" "postgresql://postgres@127.0.0.1:${CUBOID_PG_PORT:-55432}/postgres" -qc "CREATE DATABASE $database" >/dev/null
fi
jobs="${server/Database=postgres/Database=$database}"

# Uploads, frames and reports stay on disk (shared storage on real machines); every record is in the database.
export Cuboid__Files="$store"
export CUBOID_ADMIN_KEY="${CUBOID_ADMIN_KEY:-cbk-admin-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')}"
mkdir -p "$store"
# Build once up front, so the three processes do not race to build.
"$here/cuboid" --version >/dev/null

pids=()
stop() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap stop EXIT INT TERM

"$here/cuboid" serve --role api --urls "http://127.0.0.1:$port" --store "$jobs" --jobs "$jobs" "${extra[@]}" &
pids+=($!)
# The API creates the schemas; the workers start once it answers.
for _ in $(seq 1 120); do curl -fs "http://127.0.0.1:$port/health/live" >/dev/null 2>&1 && break; sleep 1; done
for i in $(seq 1 "$workers"); do
  "$here/cuboid" serve --role worker --urls "http://127.0.0.1:$((port + i))" --store "$jobs" --jobs "$jobs" --queues media:1,providers:8 "${extra[@]}" &
  pids+=($!)
done

echo "cluster-local.sh: API on http://127.0.0.1:$port, $workers workers on ports $((port + 1))-$((port + workers)), database $database, files $store"
echo "cluster-local.sh: admin key $CUBOID_ADMIN_KEY (dashboard: http://127.0.0.1:$port/hangfire?key=...)"
echo "cluster-local.sh: try: CUBOID_API_KEY=\$CUBOID_ADMIN_KEY ./cuboid analyze samples/ --server http://127.0.0.1:$port --offline"
wait
