# shellcheck shell=bash
# build_stand_in <key>: stages stand-ins/<key>/ plus what its Dockerfile
# copies (prepare_<key> in stage-contexts.sh) and builds it, unless an image
# labelled with the same content hash exists. Sourced after lib.sh.

source "$(dirname "${BASH_SOURCE[0]}")/stage-contexts.sh"

HASH_LABEL=org.course-shop.stand-in.hash

context_hash() {
  local context=$1 base=$2
  {
    podman image inspect --format '{{.Id}}' "$base"
    tar -C "$context" --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner -c . | sha256sum
  } | sha256sum | cut -c1-16
}

build_stand_in() {
  local key=$1 image context base hash
  image=$(stand_in_image "$key")
  context="$CACHE_DIR/build/$key"
  rm -rf "$context"
  mkdir -p "$context"
  cp -a "$CONTAINERS_DIR/stand-ins/$key/." "$context/"
  "prepare_$key" "$context"
  base=$(base_image_of "$key")
  hash=$(context_hash "$context" "$base")
  if [[ "$(podman image inspect --format "{{index .Labels \"$HASH_LABEL\"}}" "$image" 2>/dev/null)" == "$hash" ]]; then
    log "$image is up to date ($hash): skipped"
    return
  fi
  local previous
  previous=$(podman image inspect --format '{{.Id}}' "$image" 2>/dev/null || true)
  podman build --network=host --format docker --quiet \
    --build-arg "BASE_IMAGE=$base" --label "$HASH_LABEL=$hash" \
    -t "$image" "$context" >/dev/null
  # The image this one replaces, if nothing uses it (only what we built).
  if [[ -n "$previous" && "$previous" != "$(podman image inspect --format '{{.Id}}' "$image")" ]]; then
    podman rmi "$previous" >/dev/null 2>&1 || true
  fi
  log "built $image ($(podman image inspect --format '{{.Size}}' "$image" | numfmt --to=iec))"
}

# The node stand-in builds on Debian, the collector on the node stand-in.
base_image_of() {
  case $1 in
    otelCollector) stand_in_image node ;;
    *) echo "$DEBIAN_BASE_IMAGE" ;;
  esac
}
