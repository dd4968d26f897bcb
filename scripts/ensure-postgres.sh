#!/usr/bin/env bash
# Makes sure a PostgreSQL server is running for the tests (and for scripts/cluster-local.sh), and prints its Npgsql
# connection string on stdout. With CUBOID_TEST_POSTGRES already set, it only prints that. Otherwise it starts (or
# reuses) a throwaway cluster in $CUBOID_PG_DIR (default: $TMPDIR/cuboid-pg) on 127.0.0.1:$CUBOID_PG_PORT (default
# 55432), trusting local connections: test data only, never a production database. The PostgreSQL server binaries
# come from Debian's `postgresql` package: as root with apt-get it installs them, otherwise it prints the command and
# exits 3. `--stop` stops the throwaway cluster.
set -euo pipefail

if [ -n "${CUBOID_TEST_POSTGRES:-}" ] && [ "${1:-}" != "--stop" ]; then
  echo "$CUBOID_TEST_POSTGRES"
  exit 0
fi

dir="${CUBOID_PG_DIR:-${TMPDIR:-/tmp}/cuboid-pg}"
port="${CUBOID_PG_PORT:-55432}"

find_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }
bin=$(find_bin)
if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "cuboid: installing postgresql with apt-get (one time)..." >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null
    apt-get install -y -qq --no-install-recommends postgresql >/dev/null
    bin=$(find_bin)
  else
    echo "cuboid: PostgreSQL is missing; install it with: sudo apt-get install -y postgresql" >&2
    exit 3
  fi
fi

# PostgreSQL refuses to run as root: as root, the cluster belongs to the `postgres` user the package creates.
as_owner() {
  if [ "$(id -u)" = "0" ]; then
    id postgres >/dev/null 2>&1 || useradd --system --home-dir /var/lib/postgresql --shell /bin/sh postgres
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

if [ "${1:-}" = "--stop" ]; then
  [ -f "$dir/data/postmaster.pid" ] && as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null
  exit 0
fi

mkdir -p "$dir"
[ "$(id -u)" = "0" ] && { id postgres >/dev/null 2>&1 || useradd --system --home-dir /var/lib/postgresql --shell /bin/sh postgres; chown postgres "$dir"; }
if [ ! -f "$dir/data/PG_VERSION" ]; then
  as_owner "$bin/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --no-locale >"$dir/initdb.log" 2>&1 ||
    { cat "$dir/initdb.log" >&2; echo "cuboid: initdb failed in $dir/data" >&2; exit 1; }
fi
if ! as_owner "$bin/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then
  as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
    -o "-p $port -c listen_addresses=127.0.0.1 -c unix_socket_directories=$dir -c max_connections=300 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
    start >/dev/null || { tail -n 20 "$dir/server.log" >&2; echo "cuboid: PostgreSQL did not start (log: $dir/server.log)" >&2; exit 1; }
fi
echo "Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres"
