#!/usr/bin/env bash
# protos/ → src/generated/*.ts (ts-proto, see buf.gen.yaml) and proto/*.proto
# (the copy Nest's gRPC transport loads at run time). Offline: local plugins only.
# events/*.schema.json → src/generated/events/*.d.ts (json-schema-to-typescript).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
# buf comes from the root devDependencies, also when run outside pnpm.
export PATH="$PWD/../../node_modules/.bin:$PATH"
buf lint ../../protos
buf generate
rm -rf proto
buf export ../../protos --exclude-imports --output proto

# Types say exactly what the schema requires; the schema (not the type) stays
# open to unknown fields so an added optional field never breaks an old consumer.
rm -rf src/generated/events
./node_modules/.bin/json2ts --input events --output src/generated/events \
  --no-additionalProperties --unknownAny --ignoreMinAndMaxItems \
  --style.singleQuote --style.trailingComma=all --style.printWidth=100 \
  --bannerComment '// Generated from events/*.schema.json by scripts/generate.sh. Do not edit.'
