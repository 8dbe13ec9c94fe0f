#!/usr/bin/env bash
# podman's Docker-compatible API on a socket of this project, for the docker
# CLI, docker-compose and testcontainers:
#
#   bash infra/containers/scripts/podman-service.sh start   # background, pid file
#   eval "$(bash infra/containers/scripts/podman-service.sh env)"
#   bash infra/containers/scripts/podman-service.sh stop    # only the service it started
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

SOCKET="$CACHE_DIR/podman.sock"
PID_FILE="$CACHE_DIR/podman-service.pid"
SERVICE_LOG="$CACHE_DIR/podman-service.log"
DOCKER_CONFIG_DIR="$CACHE_DIR/docker-config"

running_pid() {
  local pid
  pid=$(cat "$PID_FILE" 2>/dev/null) || return 1
  # The pid is ours only while it is still `podman system service`.
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q 'podman system service' || return 1
  echo "$pid"
}

# `docker compose …` → Debian's docker-compose v1 (no v2 plugin exists here).
write_compose_shim() {
  mkdir -p "$DOCKER_CONFIG_DIR/cli-plugins"
  [[ -f "$DOCKER_CONFIG_DIR/config.json" ]] || echo '{}' >"$DOCKER_CONFIG_DIR/config.json"
  cat >"$DOCKER_CONFIG_DIR/cli-plugins/docker-compose" <<'SHIM'
#!/bin/sh
# docker CLI plugin shim: `docker compose` runs docker-compose (v1).
if [ "$1" = docker-cli-plugin-metadata ]; then
  echo '{"SchemaVersion":"0.1.0","Vendor":"course-shop","Version":"1.29.2","ShortDescription":"docker-compose v1 as docker compose"}'
  exit 0
fi
shift
exec docker-compose "$@"
SHIM
  chmod +x "$DOCKER_CONFIG_DIR/cli-plugins/docker-compose"
}

start() {
  require_root
  write_compose_shim
  if pid=$(running_pid); then
    log "podman service already running (pid $pid) on $SOCKET"
    return
  fi
  mkdir -p "$CACHE_DIR"
  rm -f "$SOCKET"
  podman system service --time=0 "unix://$SOCKET" >"$SERVICE_LOG" 2>&1 &
  echo $! >"$PID_FILE"
  local deadline=$((SECONDS + 30))
  until curl -sf --unix-socket "$SOCKET" http://d/_ping >/dev/null 2>&1; do
    if ((SECONDS > deadline)) || ! running_pid >/dev/null; then
      log "podman service did not answer on $SOCKET within 30 s:"
      tail -20 "$SERVICE_LOG" >&2
      return 1
    fi
    sleep 0.2
  done
  log "podman service running (pid $(cat "$PID_FILE")) on $SOCKET"
}

stop() {
  local pid
  if pid=$(running_pid); then
    kill "$pid"
    log "stopped podman service (pid $pid)"
  else
    log "no podman service of ours is running"
  fi
  rm -f "$PID_FILE" "$SOCKET"
}

print_env() {
  cat <<ENV
export DOCKER_HOST=unix://$SOCKET
export CONTAINERS_CONF=$CONTAINERS_CONF
export DOCKER_CONFIG=$DOCKER_CONFIG_DIR
export TESTCONTAINERS_RYUK_DISABLED=true
export TESTCONTAINERS_HOST_OVERRIDE=127.0.0.1
ENV
}

case "${1:-}" in
  start) step "podman service" start && print_env ;;
  stop) stop ;;
  env) print_env ;;
  *)
    echo "usage: $0 start|stop|env" >&2
    exit 64
    ;;
esac
