#!/usr/bin/env bash
# Builds every stand-in of STAND_IN_IMAGES (src/images.ts) from
# stand-ins/<key>/, each skipped when an image with the same content hash
# exists. Needs the Debian base (build-base.sh builds it and the Node
# stand-in). `build-stand-ins.sh postgres kafka` builds only those.
#
#   bash infra/containers/scripts/build-stand-ins.sh
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
source "$(dirname "${BASH_SOURCE[0]}")/build-lib.sh"

# The keys with a stand-in, Node first: the collector builds on it.
stand_in_keys() {
  "$(node_bin)" --input-type=module -e "
    const { STAND_IN_IMAGES } = await import('$CONTAINERS_DIR/src/images.ts');
    const keys = Object.keys(STAND_IN_IMAGES).filter((key) => STAND_IN_IMAGES[key] !== null);
    console.log(keys.sort((a, b) => (a === 'node' ? -1 : b === 'node' ? 1 : 0)).join('\n'));"
  # Stands in for those with none (compose.stand-ins.yml).
  echo placeholder
}

require_root
if ! podman image exists "$DEBIAN_BASE_IMAGE"; then
  log "$DEBIAN_BASE_IMAGE is missing: run infra/containers/scripts/build-base.sh first"
  exit 1
fi
if [[ $# -gt 0 ]]; then keys=("$@"); else mapfile -t keys < <(stand_in_keys); fi
for key in "${keys[@]}"; do
  step "stand-in $key ($(stand_in_image "$key"))" build_stand_in "$key"
done
for key in "${keys[@]}"; do
  image=$(stand_in_image "$key")
  log "$image: $(podman image inspect --format '{{.Size}}' "$image" | numfmt --to=si)B"
done
