#!/usr/bin/env bash
# Regenerates src/generated/ and proto/ and fails when the committed files
# differ: CI's proof that nobody edited generated code or forgot to regenerate.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
# buf comes from the root devDependencies, also when run outside pnpm.
export PATH="$PWD/../../node_modules/.bin:$PATH"
bash scripts/generate.sh

drift="$(git status --porcelain --untracked-files=all -- src/generated proto)"
if [[ -n "$drift" ]]; then
  echo "generate:check: generated files differ from the committed ones:" >&2
  echo "$drift" >&2
  git --no-pager diff --stat -- src/generated proto >&2
  echo "Run 'pnpm --filter @shop/contracts run generate' and commit the result." >&2
  exit 1
fi
echo "generate:check: src/generated/ and proto/ match protos/."
