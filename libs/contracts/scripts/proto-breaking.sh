#!/usr/bin/env bash
# buf breaking: compares the protos/ of the working tree with protos/ on a git
# ref of this repository (default: main; override with PROTO_BREAKING_AGAINST).
# Passes with a message when there is nothing to compare against yet.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
# buf comes from the root devDependencies, also when run outside pnpm.
export PATH="$PWD/../../node_modules/.bin:$PATH"
against="${PROTO_BREAKING_AGAINST:-main}"
# The common git dir, not .git: in a worktree .git is only a pointer file.
git_dir="$(git rev-parse --path-format=absolute --git-common-dir)"

if ! commit="$(git rev-parse --verify --quiet "${against}^{commit}")"; then
  echo "proto:breaking: no '${against}' in this repository yet; nothing to compare against, passing."
  exit 0
fi
if ! git cat-file -e "${commit}:protos/buf.yaml" 2>/dev/null; then
  echo "proto:breaking: '${against}' has no protos/ yet; every contract is new, passing."
  exit 0
fi
if [[ "$(git rev-parse --verify HEAD 2>/dev/null)" == "$commit" ]] && git diff --quiet HEAD -- ../../protos; then
  echo "proto:breaking: HEAD is '${against}' and protos/ is unchanged, so this run cannot find a break; set PROTO_BREAKING_AGAINST to an older ref to check one."
fi

buf breaking ../../protos --against "${git_dir}#ref=${commit},subdir=protos"
echo "proto:breaking: no breaking change against '${against}' (${commit:0:12})."
