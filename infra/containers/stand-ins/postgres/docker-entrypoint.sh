#!/usr/bin/env bash
# The official postgres image's start-up contract, written out short:
# first start initialises $PGDATA with POSTGRES_USER / POSTGRES_PASSWORD,
# creates POSTGRES_DB, runs /docker-entrypoint-initdb.d/*.sh|*.sql|*.sql.gz,
# then the server runs as `postgres`, listening on every interface.
set -Eeuo pipefail

log() { printf 'docker-entrypoint: %s\n' "$*"; }

# POSTGRES_PASSWORD_FILE etc., as the official image reads secrets.
file_env() {
  local var=$1 file_var="${1}_FILE"
  if [[ -n "${!file_var:-}" ]]; then
    export "$var"="$(<"${!file_var}")"
  fi
}

psql_as_owner() {
  psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --no-password --no-psqlrc "$@"
}

run_init_scripts() {
  local file
  shopt -s nullglob
  for file in /docker-entrypoint-initdb.d/*; do
    case "$file" in
      *.sh)
        if [[ -x "$file" ]]; then
          log "running $file"
          "$file"
        else
          log "sourcing $file"
          # shellcheck disable=SC1090 # the user's script, as the official image sources it
          . "$file"
        fi
        ;;
      *.sql) log "running $file" && psql_as_owner --dbname "$POSTGRES_DB" -f "$file" ;;
      *.sql.gz) log "running $file" && gunzip -c "$file" | psql_as_owner --dbname "$POSTGRES_DB" ;;
      *) log "ignoring $file" ;;
    esac
  done
}

init_database() {
  if [[ -z "${POSTGRES_PASSWORD:-}" && "${POSTGRES_HOST_AUTH_METHOD:-}" != trust ]]; then
    log 'Error: Database is uninitialized and superuser password is not specified.'
    log '  Set POSTGRES_PASSWORD (or POSTGRES_HOST_AUTH_METHOD=trust to allow all connections without one).'
    exit 1
  fi
  local -a pwfile=()
  if [[ -n "${POSTGRES_PASSWORD:-}" ]]; then
    # A file only postgres reads, gone once initdb has it.
    pwfile=(--pwfile="$(mktemp)")
    printf '%s\n' "$POSTGRES_PASSWORD" >"${pwfile[0]#--pwfile=}"
  fi
  # shellcheck disable=SC2086 # POSTGRES_INITDB_ARGS is a list of words, as in the official image
  initdb --username="$POSTGRES_USER" "${pwfile[@]}" --encoding=UTF8 --locale=C.UTF-8 \
    ${POSTGRES_INITDB_ARGS:-} -D "$PGDATA"
  if [[ ${#pwfile[@]} -gt 0 ]]; then rm -f "${pwfile[0]#--pwfile=}"; fi
  {
    echo "listen_addresses = '*'"
    # Debian's psql looks in /var/run/postgresql, the 18 binaries in /tmp.
    echo "unix_socket_directories = '/var/run/postgresql,/tmp'"
  } >>"$PGDATA/postgresql.conf"
  echo "host all all all ${POSTGRES_HOST_AUTH_METHOD:-scram-sha-256}" >>"$PGDATA/pg_hba.conf"

  # A temporary server on the socket only: nothing connects before init is done.
  export PGPASSWORD="${PGPASSWORD:-${POSTGRES_PASSWORD:-}}"
  pg_ctl -D "$PGDATA" -o "-c listen_addresses=''" -w start
  # Connect to `postgres`: POSTGRES_DB does not exist yet (the first-start
  # failure of an earlier version of this stand-in).
  psql_as_owner --dbname postgres --set db="$POSTGRES_DB" <<'SQL'
SELECT format('CREATE DATABASE %I', :'db')
WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = :'db') \gexec
SQL
  run_init_scripts
  pg_ctl -D "$PGDATA" -m fast -w stop
  unset PGPASSWORD
  log 'PostgreSQL init process complete; ready for start up.'
}

if [[ "${1:0:1}" == '-' ]]; then
  set -- postgres "$@"
fi

if [[ "$1" == postgres && "$(id -u)" == 0 ]]; then
  # Volumes arrive owned by root: hand them to postgres, then drop root.
  mkdir -p "$PGDATA"
  chown -R postgres:postgres "$PGDATA" /var/run/postgresql
  chmod 700 "$PGDATA"
  exec setpriv --reuid=postgres --regid=postgres --init-groups "${BASH_SOURCE[0]}" "$@"
fi

if [[ "$1" == postgres ]]; then
  file_env POSTGRES_PASSWORD
  file_env POSTGRES_USER
  file_env POSTGRES_DB
  export POSTGRES_USER="${POSTGRES_USER:-postgres}"
  export POSTGRES_DB="${POSTGRES_DB:-$POSTGRES_USER}"
  mkdir -p "$PGDATA"
  chmod 700 "$PGDATA"
  if [[ ! -s "$PGDATA/PG_VERSION" ]]; then
    init_database
  else
    log 'PostgreSQL Database directory appears to contain a database; Skipping initialization'
  fi
fi

exec "$@"
