#!/usr/bin/env bash
# protos/ → src/generated/*.ts (ts-proto, see buf.gen.yaml) and proto/*.proto
# (the copy Nest's gRPC transport loads at run time). Offline: local plugins only.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
# buf comes from the root devDependencies, also when run outside pnpm.
export PATH="$PWD/../../node_modules/.bin:$PATH"
buf lint ../../protos
buf generate
rm -rf proto
buf export ../../protos --exclude-imports --output proto
