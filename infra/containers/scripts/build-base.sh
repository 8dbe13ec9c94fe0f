#!/usr/bin/env bash
# The base every stand-in builds on, made without a registry:
# 1. Debian bookworm (debootstrap --variant=minbase from the mirror apt is
#    configured with), imported as localhost/course-shop/debian:bookworm —
#    skipped when that image exists;
# 2. the Node stand-in (STAND_IN_IMAGES.node): that base plus the repository's
#    pinned Node binary, npm and corepack, a `node` user (uid 1000).
#
#   bash infra/containers/scripts/build-base.sh
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
source "$(dirname "${BASH_SOURCE[0]}")/build-lib.sh"

# The first Debian (not security) archive in apt's sources, one-line or deb822.
apt_mirror() {
  local files=() file
  for file in /etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources; do
    [[ -f "$file" ]] && files+=("$file")
  done
  {
    awk '$1 == "deb" { for (i = 2; i <= NF; i++) if ($i !~ /^\[/ && $i !~ /\]$/) { print $i; break } }' "${files[@]}"
    awk 'tolower($1) == "uris:" { for (i = 2; i <= NF; i++) print $i }' "${files[@]}"
  } | grep -v -- '-security' | grep -m1 '/debian/\?$' || {
    log "no Debian archive found in apt's sources"
    return 1
  }
}

debootstrap_base() {
  if podman image exists "$DEBIAN_BASE_IMAGE"; then
    log "$DEBIAN_BASE_IMAGE exists: skipped"
    return
  fi
  local mirror rootfs="$CACHE_DIR/rootfs/debian-bookworm"
  mirror=$(apt_mirror)
  log "debootstrap --variant=minbase bookworm from apt's configured mirror"
  rm -rf "$rootfs"
  mkdir -p "$rootfs"
  debootstrap --variant=minbase bookworm "$rootfs" "$mirror" >"$CACHE_DIR/debootstrap.log" 2>&1 || {
    tail -20 "$CACHE_DIR/debootstrap.log" >&2
    return 1
  }
  # Keep images small, as the official slim images do.
  rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/*
  tar -C "$rootfs" -c . | podman import \
    --change 'CMD ["bash"]' --change 'ENV LANG=C.UTF-8' - "$DEBIAN_BASE_IMAGE" >/dev/null
  rm -rf "$rootfs"
}

require_root
mkdir -p "$CACHE_DIR"
step "Debian base image ($DEBIAN_BASE_IMAGE)" debootstrap_base
step "Node stand-in ($(stand_in_image node))" build_stand_in node
