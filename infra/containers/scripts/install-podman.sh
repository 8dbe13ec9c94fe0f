#!/usr/bin/env bash
# Installs podman and its friends from Debian (skipped when present) and
# writes the containers.conf this kind of machine needs (docs/adr/0022).
# Prints the export line for CONTAINERS_CONF; the other scripts set it too.
#
#   bash infra/containers/scripts/install-podman.sh
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

PACKAGES=(podman runc fuse-overlayfs slirp4netns uidmap debootstrap buildah docker-compose podman-compose)

missing_packages() {
  local package
  for package in "${PACKAGES[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed'; then
      echo "$package"
    fi
  done
}

install_packages() {
  local missing
  mapfile -t missing < <(missing_packages)
  if [[ ${#missing[@]} -eq 0 ]]; then
    log "already installed: ${PACKAGES[*]}"
    return
  fi
  log "installing: ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
}

# crun fails on hybrid cgroups ("cgroups in hybrid mode not supported"), and
# without the ulimits every container fails setrlimit(RLIMIT_NOFILE).
write_containers_conf() {
  mkdir -p "$CACHE_DIR"
  cat >"$CONTAINERS_CONF" <<'CONF'
[containers]
default_ulimits = ["nofile=20000:20000", "nproc=32768:32768"]

[engine]
runtime = "runc"
CONF
  log "wrote $CONTAINERS_CONF"
}

require_root
step "install podman, runc, debootstrap, docker-compose … (apt)" install_packages
step "write containers.conf" write_containers_conf
podman --version >&2
echo "export CONTAINERS_CONF=$CONTAINERS_CONF"
