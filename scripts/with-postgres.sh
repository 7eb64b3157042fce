#!/usr/bin/env bash
# Run a command against a throw-away PostgreSQL server: installs Debian's postgresql if missing,
# starts a private cluster on loopback, exports DATABASE_URL, and removes the cluster afterwards.
#   scripts/with-postgres.sh .venv/bin/pytest -m postgres
set -euo pipefail

if ! compgen -G "/usr/lib/postgresql/*/bin/pg_ctl" >/dev/null; then
    echo "with-postgres: installing Debian's postgresql" >&2
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
fi
PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
PORT=${ILS_PG_PORT:-54329}
DIR=$(mktemp -d /tmp/ils-pg.XXXXXX)

as_owner() {
    # initdb refuses to run as root: the cluster belongs to the postgres user then.
    if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
[ "$(id -u)" = 0 ] && chown postgres "$DIR"

as_owner "$PGBIN/initdb" -D "$DIR/data" -A trust -U ils --encoding=UTF8 --locale=C.UTF-8 >/dev/null
as_owner "$PGBIN/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w \
    -o "-p $PORT -k $DIR -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null
stop() {
    as_owner "$PGBIN/pg_ctl" -D "$DIR/data" -m fast -w stop >/dev/null || true
    rm -rf "$DIR"
}
trap stop EXIT

export DATABASE_URL="postgres://ils@127.0.0.1:$PORT/postgres"
"$@"
