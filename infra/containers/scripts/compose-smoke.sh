#!/usr/bin/env bash
# The compose project proven on this machine, offline: podman and friends,
# the Debian base and the stand-ins, the app images, then docker-compose.yml
# with compose.stand-ins.yml up against podman's socket; one purchase through
# it (test/compose-smoke.ts); `down -v`; nothing of the project left.
#
#   bash infra/containers/scripts/compose-smoke.sh
#
# KEEP_UP=1 leaves the project running (then: docker-compose -p <project> … down -v).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
SCRIPTS="$CONTAINERS_DIR/scripts"
export COMPOSE_PROJECT_NAME="${COMPOSE_PROJECT_NAME:-course-shop-smoke}"
# Not :dev, the tag a developer's own images have on a shared machine.
export TAG="${TAG:-smoke}"
APP_TARGETS=(migrate kafka-setup payment checkout enrollment notification analytics bff web)

compose() {
  docker-compose -f "$REPO_ROOT/docker-compose.yml" -f "$CONTAINERS_DIR/compose.stand-ins.yml" "$@"
}

free_port() {
  "$(node_bin)" -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"
}

# The same Dockerfile targets and tags compose builds. Built with podman
# rather than `compose build`: behind a TLS-intercepting proxy the build needs
# its CA bundle mounted (NODE_EXTRA_CA_CERTS), which compose v1 cannot express.
build_app_images() {
  local ca=() target
  if [[ -n "${NODE_EXTRA_CA_CERTS:-}" && -f "${NODE_EXTRA_CA_CERTS:-}" ]]; then
    ca=(-v "$NODE_EXTRA_CA_CERTS:/tmp/extra-ca.crt:ro" --build-arg NODE_EXTRA_CA_CERTS=/tmp/extra-ca.crt)
  fi
  for target in "${APP_TARGETS[@]}"; do
    step "app image course-shop/$target:$TAG" podman build --network=host --format docker --quiet \
      "${ca[@]}" --build-arg "NODE_IMAGE=$NODE_IMAGE" --build-arg "VERSION=$TAG" \
      --target "$target" -t "course-shop/$target:$TAG" "$REPO_ROOT" >/dev/null
  done
  podman images --filter "reference=course-shop/*:$TAG" --format '{{.Repository}}:{{.Tag}}  {{.Size}}' >&2
}

# Healthchecks never run by themselves under this podman (no systemd), so
# `depends_on: condition: service_healthy` would wait forever: run each one
# at its own interval, as Docker does (podman applies the start period and
# the retries), so a slow start is not declared unhealthy early.
drive_healthchecks() {
  local -A due=()
  local container interval now
  while true; do
    now=$(date +%s)
    for container in $(podman ps --filter "label=com.docker.compose.project=$COMPOSE_PROJECT_NAME" --format '{{.Names}}'); do
      ((now >= ${due[$container]:-0})) || continue
      interval=$(podman inspect --format '{{if .Config.Healthcheck}}{{.Config.Healthcheck.Interval.Seconds}}{{end}}' "$container" 2>/dev/null || true)
      if [[ -z "$interval" ]]; then
        due[$container]=$((now + 3600))
        continue
      fi
      interval=${interval%.*}
      ((interval > 0)) || interval=30
      due[$container]=$((now + interval))
      podman healthcheck run "$container" >/dev/null 2>&1 || true
    done
    sleep 1
  done
}

# The named and anonymous volumes of the project's containers.
project_volumes() {
  local container
  for container in $(podman ps -a --filter "label=com.docker.compose.project=$COMPOSE_PROJECT_NAME" -q); do
    podman inspect --format '{{range .Mounts}}{{if .Name}}{{.Name}}{{"\n"}}{{end}}{{end}}' "$container"
  done | sort -u
}

project_leftovers() {
  local label="label=com.docker.compose.project=$COMPOSE_PROJECT_NAME" volume
  podman ps -a --filter "$label" --format 'container {{.Names}}'
  podman network ls --filter "$label" --format 'network {{.Name}}'
  for volume in "$@"; do
    if podman volume exists "$volume"; then echo "volume $volume"; fi
  done
}

down_and_check() {
  local volumes left
  mapfile -t volumes < <(project_volumes)
  compose down -v --remove-orphans --timeout 20 2>&1 | tail -3 >&2
  left=$(project_leftovers "${volumes[@]}")
  if [[ -n "$left" ]]; then
    log "left behind by down -v:"
    echo "$left" >&2
    return 1
  fi
  log "nothing of project $COMPOSE_PROJECT_NAME remains: no container, network or volume (${#volumes[@]} volumes removed)"
}

HEALTH_PID=""
cleanup() {
  local status=$?
  if [[ -n "$HEALTH_PID" ]]; then kill "$HEALTH_PID" 2>/dev/null || true; fi
  if [[ $status -ne 0 && "${KEEP_UP:-}" != 1 ]]; then
    log "failed: the last lines of each service's log, then down -v"
    compose logs --no-color --tail 15 >&2 || true
    down_and_check || true
  fi
  exit "$status"
}

require_root
started=$(date +%s)
step "install podman and friends" bash "$SCRIPTS/install-podman.sh" >/dev/null
step "docker-compose config -q (with the override)" compose config -q
step "podman API service" bash "$SCRIPTS/podman-service.sh" start >/dev/null
eval "$(bash "$SCRIPTS/podman-service.sh" env)"
step "Debian base and Node stand-in" bash "$SCRIPTS/build-base.sh"
step "stand-in images" bash "$SCRIPTS/build-stand-ins.sh"
NODE_IMAGE=$(stand_in_image node)
export NODE_IMAGE
step "app images" build_app_images

# Free ports for what is published (on 127.0.0.1): the machine is shared.
CHECKOUT_PORT=$(free_port) BFF_PORT=$(free_port) WEB_PORT=$(free_port) RABBITMQ_UI_PORT=$(free_port) JAEGER_UI_PORT=$(free_port)
export CHECKOUT_PORT BFF_PORT WEB_PORT RABBITMQ_UI_PORT JAEGER_UI_PORT
log "published: checkout :$CHECKOUT_PORT, bff :$BFF_PORT, web :$WEB_PORT, RabbitMQ UI :$RABBITMQ_UI_PORT"

trap cleanup EXIT
drive_healthchecks &
HEALTH_PID=$!
step "compose up -d (project $COMPOSE_PROJECT_NAME)" timeout 900 docker-compose \
  -f "$REPO_ROOT/docker-compose.yml" -f "$CONTAINERS_DIR/compose.stand-ins.yml" up -d --no-build
step "smoke test: a purchase through the composed system" "$(node_bin)" "$CONTAINERS_DIR/test/compose-smoke.ts"
for piece in "jaeger: jaegertracing/jaeger has no stand-in (no registry, not in Debian or npm); the placeholder took its place" \
  "otel-collector: the collector stand-in received the spans; the real Collector's pipeline to Jaeger (infra/compose/otel-collector.yaml)" \
  "prometheus, grafana: slots only until the metrics issue (15)"; do
  log "not run here: $piece; validated statically (compose-spec schema, docker-compose config -q)"
done
if [[ "${KEEP_UP:-}" == 1 ]]; then
  log "KEEP_UP=1: project $COMPOSE_PROJECT_NAME left running"
else
  step "compose down -v" down_and_check
fi
log "compose smoke test passed in $(($(date +%s) - started)) s"
