#!/usr/bin/env bash
# buf breaking: the protos/ of the working tree must be compatible with every
# version of protos/ ever committed in HEAD's history — a published contract is
# never broken, only evolved (or replaced by a new package version, e.g. v2).
# PROTO_BREAKING_AGAINST=<ref> compares against that one ref instead.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
# buf comes from the root devDependencies, also when run outside pnpm.
export PATH="$PWD/../../node_modules/.bin:$PATH"
# The common git dir, not .git: in a worktree .git is only a pointer file.
git_dir="$(git rev-parse --path-format=absolute --git-common-dir)"

if [[ -n "${PROTO_BREAKING_AGAINST:-}" ]]; then
  refs=("$(git rev-parse --verify "${PROTO_BREAKING_AGAINST}^{commit}")")
else
  mapfile -t refs < <(git rev-list HEAD -- ../../protos 2>/dev/null || true)
fi

checked=0
for commit in "${refs[@]}"; do
  git cat-file -e "${commit}:protos/buf.yaml" 2>/dev/null || continue
  buf breaking ../../protos --against "${git_dir}#ref=${commit},subdir=protos"
  checked=$((checked + 1))
done
echo "proto:breaking: protos/ is compatible with ${checked} committed version(s) of the contracts."
