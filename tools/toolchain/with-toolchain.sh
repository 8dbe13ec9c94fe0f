#!/usr/bin/env bash
# Runs a command with the project's pinned Node.js and pnpm on PATH.
#
# A fresh machine may only have an older system Node and npm. The pinned
# versions (Node in .nvmrc, pnpm in package.json's packageManager) are
# installed from the npm registry into tools/toolchain/node_modules the first
# time (the `node` package ships the official binary), then the workspace
# dependencies are installed with pnpm. Nothing is downloaded from elsewhere.
#
#   bash tools/toolchain/with-toolchain.sh pnpm nx run-many -t test
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
toolchain="$root/tools/toolchain"
want_node="v$(tr -d '[:space:]' < "$root/.nvmrc")"
want_pnpm="$(sed -n 's/.*"packageManager": *"pnpm@\([^"]*\)".*/\1/p' "$root/package.json")"

log() { printf '\033[2m[toolchain]\033[0m %s\n' "$*" >&2; }

have_node="$("$toolchain/node_modules/.bin/node" --version 2>/dev/null || true)"
have_pnpm="$("$toolchain/node_modules/.bin/pnpm" --version 2>/dev/null || true)"
if [[ "$have_node" != "$want_node" || "$have_pnpm" != "$want_pnpm" ]]; then
  log "installing Node.js $want_node and pnpm $want_pnpm from the npm registry (once)"
  npm install --prefix "$toolchain" --no-save --no-audit --no-fund --loglevel=error \
    "node@${want_node#v}" "pnpm@$want_pnpm"
fi
export PATH="$toolchain/node_modules/.bin:$PATH"
export NX_DAEMON="${NX_DAEMON:-false}"
export NX_NO_CLOUD=true

# pnpm install is a no-op when node_modules already matches the lockfile.
stamp="$root/node_modules/.toolchain-install-stamp"
if [[ ! -f "$stamp" || "$root/pnpm-lock.yaml" -nt "$stamp" || "$root/package.json" -nt "$stamp" ]]; then
  log "installing workspace dependencies with pnpm $(pnpm --version)"
  (cd "$root" && pnpm install --frozen-lockfile --reporter=append-only)
  touch "$stamp"
fi

cd "$root"
exec "$@"
