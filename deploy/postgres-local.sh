#!/usr/bin/env bash
# A throw-away PostgreSQL server for tests and trials: a new cluster in a folder, listening on
# 127.0.0.1 and a Unix socket in that folder, trust authentication (loopback only).
#
#   deploy/postgres-local.sh start FOLDER [PORT]   prints the environment to export
#   deploy/postgres-local.sh stop FOLDER
#
# Uses Debian's postgresql binaries (/usr/lib/postgresql/<version>/bin). PostgreSQL refuses to
# run as root, so as root the server runs as the `postgres` user that Debian's package creates.
set -euo pipefail

bindir() {
  local found
  found=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  if [ -z "$found" ]; then
    found=$(dirname "$(command -v pg_ctl 2>/dev/null || echo /nonexistent/pg_ctl)")
  fi
  [ -x "$found/initdb" ] || { echo "postgres-local: no PostgreSQL server binaries (apt-get install postgresql)" >&2; exit 3; }
  echo "$found"
}

as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

cmd=${1:-}; folder=${2:-}
[ -n "$cmd" ] && [ -n "$folder" ] || { echo "usage: $0 start|stop FOLDER [PORT]" >&2; exit 2; }
folder=$(realpath -m "$folder")
bin=$(bindir)

case "$cmd" in
  start)
    port=${3:-55432}
    mkdir -p "$folder"
    [ "$(id -u)" = 0 ] && chown postgres "$folder"
    if [ ! -f "$folder/data/PG_VERSION" ]; then
      as_owner "$bin/initdb" -D "$folder/data" -U postgres --auth=trust --encoding=UTF8 \
        --locale=C.UTF-8 >"$folder/initdb.log"
    fi
    # fsync=off: a throw-away server; a crash may lose it, which costs nothing here.
    as_owner "$bin/pg_ctl" -D "$folder/data" status >/dev/null 2>&1 \
      || as_owner "$bin/pg_ctl" -D "$folder/data" -l "$folder/server.log" -w \
        -o "-k $folder -p $port -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null
    for db in dagster jane_synth; do
      as_owner "$bin/psql" -h "$folder" -p "$port" -U postgres -qtAc \
        "SELECT 1 FROM pg_database WHERE datname = '$db'" | grep -q 1 \
        || as_owner "$bin/createdb" -h "$folder" -p "$port" -U postgres "$db"
    done
    cat <<ENV
export DAGSTER_PG_HOST=127.0.0.1
export DAGSTER_PG_PORT=$port
export DAGSTER_PG_USERNAME=postgres
export DAGSTER_PG_PASSWORD=unused-with-trust-auth
export DAGSTER_PG_DB=dagster
export JANE_TEST_PG_URL=postgresql://postgres@127.0.0.1:$port/postgres
ENV
    ;;
  stop)
    [ -f "$folder/data/postmaster.pid" ] && as_owner "$bin/pg_ctl" -D "$folder/data" -m fast -w stop >/dev/null
    ;;
  *) echo "usage: $0 start|stop FOLDER [PORT]" >&2; exit 2 ;;
esac
