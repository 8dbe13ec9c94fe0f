# shellcheck shell=bash
# Shared by the scripts of infra/containers: paths, the podman settings this
# machine needs, and timed steps. Sourced, never run.

CONTAINERS_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
REPO_ROOT="$(cd "$CONTAINERS_DIR/../.." && pwd)"
# Project-owned and git-ignored (.cache/): containers.conf, the podman socket,
# the docker config with the compose shim, build contexts, the Debian rootfs.
CACHE_DIR="${CONTAINERS_CACHE_DIR:-$REPO_ROOT/.cache/containers}"
export CONTAINERS_CONF="$CACHE_DIR/containers.conf"
export DEBIAN_BASE_IMAGE="localhost/course-shop/debian:bookworm"
# For an official image with no stand-in (STAND_IN_IMAGES value null: Jaeger).
export PLACEHOLDER_IMAGE="localhost/course-shop/not-run-here:placeholder"

log() { printf '[containers] %s\n' "$*" >&2; }

# step <title> <command...>: runs the command and prints how long it took.
step() {
  local title=$1 started
  shift
  started=$(date +%s)
  log "▶ $title"
  "$@"
  log "✔ $title ($(($(date +%s) - started)) s)"
}

# The pinned Node of the repository's toolchain, else the one on PATH.
node_bin() {
  local pinned="$REPO_ROOT/tools/toolchain/node_modules/node/bin/node"
  if [[ -x "$pinned" ]]; then echo "$pinned"; else command -v node; fi
}

# stand_in_image <key>: the image name src/images.ts fixes for that stand-in
# (the one list of names; Node 24 strips its types).
stand_in_image() {
  if [[ $1 == placeholder ]]; then
    echo "$PLACEHOLDER_IMAGE"
    return
  fi
  "$(node_bin)" --input-type=module -e "
    const { STAND_IN_IMAGES } = await import('$CONTAINERS_DIR/src/images.ts');
    const name = STAND_IN_IMAGES['$1'];
    if (!name) { console.error('no stand-in image for $1'); process.exit(1); }
    console.log(name);"
}

require_root() {
  if [[ $(id -u) -ne 0 ]]; then
    log "rootful podman is what works here: run as root"
    exit 1
  fi
}
