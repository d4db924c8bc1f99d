#!/usr/bin/env bash
# A throwaway PostgreSQL 15 cluster for the tests (DESIGN.md "Tests").
#   tests/postgres_fixture.sh start DIR   initdb in DIR, start a server listening only on a unix
#                                         socket in DIR (no TCP), create database rasoat_test;
#   tests/postgres_fixture.sh stop DIR    stop that server and remove DIR.
# Clients connect with postgresql:///rasoat_test?host=DIR&user=postgres (trust authentication:
# only users of this machine who can enter DIR reach the socket). CTest runs start and stop as
# the fixture "postgres" (tests/sync/publish/CMakeLists.txt). PostgreSQL refuses to run as root:
# as root the server runs as the postgres user, who owns DIR. A cluster left in DIR by a killed
# run is stopped and replaced by start. Prints nothing on success; on failure, the log.
set -euo pipefail

usage() {
  echo "usage: $0 start|stop DIR (an absolute path)" >&2
  exit 2
}
[ $# -eq 2 ] || usage
action=$1
dir=$2
case "$dir" in
  /?*) ;;
  *) usage ;;
esac
dir=${dir%/}
bin=${RASOAT_POSTGRES_BIN:-/usr/lib/postgresql/15/bin}
# Marks DIR as ours: start and stop only ever remove a directory that has it (or an empty one).
marker=.rasoat-postgres-fixture

# Runs a server command as the owner of the cluster.
as_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

# Stops a server running in DIR, if any, with shutdown mode $1.
stop_server() {
  if [ -f "$dir/data/postmaster.pid" ]; then
    as_owner "$bin/pg_ctl" -D "$dir/data" -m "$1" -w -t 60 stop >/dev/null 2>&1 || true
  fi
}

remove_dir() {
  [ -e "$dir" ] || return 0
  if [ -e "$dir/$marker" ]; then
    rm -rf "$dir"
  elif ! rmdir "$dir" 2>/dev/null; then
    echo "$0: $dir exists and is not a test cluster: not removing it" >&2
    exit 1
  fi
}

# The server may not read the caller's working directory (a build tree under /root).
cd /

case "$action" in
  start)
    stop_server immediate
    remove_dir
    mkdir -m 700 "$dir"
    touch "$dir/$marker"
    if [ "$(id -u)" -eq 0 ]; then chown -R postgres:postgres "$dir"; fi
    if ! as_owner "$bin/initdb" -D "$dir/data" -U postgres --auth=trust --encoding=UTF8 \
        --locale=C >"$dir/initdb.log" 2>&1; then
      cat "$dir/initdb.log" >&2
      exit 1
    fi
    # fsync off: the cluster is thrown away; the tests are about behaviour, not durability.
    if ! as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/data/server.log" -w -t 60 \
        -o "-c listen_addresses='' -c unix_socket_directories='$dir' -c fsync=off \
            -c shared_buffers=16MB" start >/dev/null 2>&1; then
      cat "$dir/data/server.log" >&2 || true
      exit 1
    fi
    for _ in $(seq 1 120); do
      if "$bin/pg_isready" -q -h "$dir" -U postgres -d postgres; then break; fi
      sleep 0.5
    done
    if ! "$bin/pg_isready" -q -h "$dir" -U postgres -d postgres; then
      echo "$0: server in $dir not ready after 60 s" >&2
      cat "$dir/data/server.log" >&2 || true
      exit 1
    fi
    "$bin/createdb" -h "$dir" -U postgres rasoat_test
    ;;
  stop)
    stop_server fast
    remove_dir
    ;;
  *)
    usage
    ;;
esac
