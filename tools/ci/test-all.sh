#!/usr/bin/env bash
# Every check and test of the repository. `npm test` runs this through the
# pinned toolchain; so does CI (.ci/run).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
started=$SECONDS

step "build: generate Prisma clients, compile every package"
nx run-many -t build --output-style=static

step "formatting (Prettier)"
prettier --check . --log-level warn

step "lint (zero warnings), typecheck, unit tests (docs/adr/0020-three-test-tiers.md)"
nx run-many -t lint typecheck test:unit --output-style=static

step "integration tests: real PostgreSQL and brokers, started by each suite"
nx run-many -t test:integration --output-style=static

step "contracts: buf lint, no breaking change, generated code is fresh"
pnpm --filter @shop/contracts run proto:lint
pnpm --filter @shop/contracts run proto:breaking
pnpm --filter @shop/contracts run generate:check

step "contracts: the GraphQL subgraphs compose, supergraph fresh, no breaking change"
pnpm --filter @shop/contracts run graphql:check

step "project graph: no app imports another app, no library imports an app"
node tools/ci/check-project-graph.mjs

step "docs: every path and test name cited in Markdown exists"
node tools/ci/check-doc-references.mjs

step "end-to-end: one local stack, every app over the wire"
nx run @shop/e2e:e2e --output-style=static

step "all green in $((SECONDS - started)) s"
