#!/usr/bin/env bash
# postgres-test.sh: a throwaway PostgreSQL cluster for the postgres package's tests.
#
#   eval "$(scripts/postgres-test.sh start)"   # exports DOSSIER_POSTGRES_URL and DOSSIER_POSTGRES_DIR
#   go test ./postgres/...
#   scripts/postgres-test.sh stop "$DOSSIER_POSTGRES_DIR"
#
# start initialises a cluster in a new temporary directory, starts it on a free loopback port
# (trust authentication, no fsync: test data only), creates the database dossier_test and
# prints the two export lines. PostgreSQL refuses to run as root, so as root the server runs
# as $PG_OS_USER (default: postgres). Binaries come from $PGBIN (default: PostgreSQL 15).
set -euo pipefail

PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
PG_OS_USER=${PG_OS_USER:-postgres}

as_server() {
	if [ "$(id -u)" = 0 ]; then
		runuser -u "$PG_OS_USER" -- "$@"
	else
		"$@"
	fi
}

port_free() {
	! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

start() {
	[ -x "$PGBIN/initdb" ] || { echo "postgres-test.sh: no initdb in $PGBIN (set PGBIN)" >&2; exit 1; }
	local dir port
	dir=$(mktemp -d "${TMPDIR:-/tmp}/dossier-pg.XXXXXX")
	chmod 755 "$dir"
	[ "$(id -u)" = 0 ] && chown "$PG_OS_USER" "$dir"
	port=${DOSSIER_POSTGRES_PORT:-55432}
	while ! port_free "$port"; do port=$((port + 1)); done
	as_server "$PGBIN/initdb" -D "$dir/data" -U dossier --auth=trust -E UTF8 --no-locale >"$dir/initdb.log" 2>&1 ||
		{ cat "$dir/initdb.log" >&2; exit 1; }
	as_server "$PGBIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
		-o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
		start >/dev/null || { cat "$dir/server.log" >&2; exit 1; }
	"$PGBIN/createdb" -h 127.0.0.1 -p "$port" -U dossier dossier_test
	echo "export DOSSIER_POSTGRES_URL='postgres://dossier@127.0.0.1:$port/dossier_test?sslmode=disable'"
	echo "export DOSSIER_POSTGRES_DIR='$dir'"
}

stop() {
	local dir=${1:-${DOSSIER_POSTGRES_DIR:-}}
	[ -n "$dir" ] && [ -d "$dir/data" ] || { echo "postgres-test.sh stop: no cluster directory given" >&2; exit 1; }
	as_server "$PGBIN/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null || true
	rm -rf "$dir"
}

case "${1:-}" in
start) start ;;
stop) stop "${2:-}" ;;
*) echo "usage: $0 start | stop [DIR]" >&2; exit 2 ;;
esac
