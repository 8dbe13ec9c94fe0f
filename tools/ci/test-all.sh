#!/usr/bin/env bash
# Every check and test of the repository. `npm test` runs this through the
# pinned toolchain; so does CI (.ci/run), which also sets NX_SKIP_NX_CACHE=true
# (every task runs for real) and REQUIRE_REAL_KAFKA=1 / REQUIRE_RABBITMQ=1 (no
# suite may skip its real-engine half).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

started=$SECONDS
stage=""
stage_started=$SECONDS
durations=()

# Closes the running stage (its duration is printed and kept for the summary).
end_stage() {
  if [[ -n "$stage" ]]; then
    local took=$((SECONDS - stage_started))
    durations+=("$(printf '%6d s  %s' "$took" "$stage")")
    printf '\033[2m-- %s: %d s\033[0m\n' "$stage" "$took"
  fi
}
step() {
  end_stage
  stage="$*"
  stage_started=$SECONDS
  printf '\n\033[1m== %s\033[0m\n' "$*"
}

step "build: generate Prisma clients, compile every package"
nx run-many -t build --output-style=static

step "formatting (Prettier)"
prettier --check . --log-level warn

step "lint (zero warnings), typecheck, unit tests (docs/adr/0020-three-test-tiers.md)"
nx run-many -t lint typecheck test:unit --output-style=static

# @shop/containers' integration specs start the stand-in images: they run in
# the containers stage below, once those images are built.
step "integration tests: real PostgreSQL and brokers, started by each suite"
nx run-many -t test:integration --exclude=@shop/containers --output-style=static

step "contracts: buf lint, no breaking change, generated code is fresh; GraphQL composes; web types fresh"
pnpm --filter @shop/contracts run proto:lint
pnpm --filter @shop/contracts run proto:breaking
pnpm --filter @shop/contracts run generate:check
pnpm --filter @shop/contracts run graphql:check
# The web app's API schema and GraphQL types (gql.tada) match the supergraph.
pnpm --filter @shop/web run codegen:check

step "project graph: no app imports another app, no library imports an app"
node tools/ci/check-project-graph.mjs

step "docs: every path and test name cited in Markdown exists; no merge-conflict markers"
node tools/ci/check-doc-references.mjs
node tools/ci/check-conflict-markers.mjs

# The build stage built what the e2e target depends on.
step "end-to-end on the stand-ins: one local stack, every app over the wire"
E2E_ENGINES=stand-ins nx run @shop/e2e:e2e --exclude-task-dependencies --output-style=static

# Issue 16: the web app in Debian's Chromium (playwright-core) on one stack of
# the stand-ins: a purchase, a declined card, a course-full refund; axe-core on
# every page, no console error. Without Chromium it skips with the reason,
# unless REQUIRE_CHROMIUM=1 (CI installs it: tools/ci/install-chromium.sh).
step "browser: the web app in Chromium against the stack on the stand-ins"
pnpm --filter @shop/e2e browser

step "end-to-end on real engines: the same suite on Apache Kafka + RabbitMQ + PostgreSQL"
unavailable=$(node tools/ci/real-engines-unavailable.mjs)
if [[ -z "$unavailable" ]]; then
  E2E_ENGINES=real nx run @shop/e2e:e2e --exclude-task-dependencies --output-style=static
elif [[ "${REQUIRE_REAL_KAFKA:-}" == 1 || "${REQUIRE_RABBITMQ:-}" == 1 ]]; then
  printf 'real engines required here, but: %s\n' "$unavailable" >&2
  exit 1
else
  printf 'SKIPPED (real engines unavailable): %s\n' "$unavailable"
fi

# Issue 14, docs/chaos.md: purchases of every kind while apps and brokers are
# SIGKILLed (both crash windows included), then every invariant checked in the
# databases and brokers. The short plan; the long one is documented.
step "chaos (short plan): SIGKILLs under load, every invariant checked"
pnpm --filter @shop/e2e chaos

# Issue 17, docs/benchmarks.md: both benchmarks, short, on their own stacks.
# They fail only on a broken invariant or a collapsed figure, never on a
# missed target; the figures are printed for the log.
step "benchmarks (short): the purchase and the three read paths, invariants and floors"
bash tools/ci/bench-short.sh

# Containers (issue 12, infra/containers, docs/adr/0022): on a machine with
# podman (CI installs it and sets REQUIRE_CONTAINERS=1), the stand-in images
# are built offline, each is proven through testcontainers, the compose
# project runs on them with a purchase through it, and the e2e suite runs
# once more with its engines in containers.
containers_unavailable() {
  if [[ $(id -u) -ne 0 ]]; then
    echo "not root (rootful podman is what works on these machines)"
  elif ! command -v podman >/dev/null || ! command -v docker-compose >/dev/null; then
    echo "podman or docker-compose not installed (bash infra/containers/scripts/install-podman.sh)"
  fi
}
unavailable=$(containers_unavailable)
if [[ -n "$unavailable" && "${REQUIRE_CONTAINERS:-}" == 1 ]]; then
  printf 'containers required here, but: %s\n' "$unavailable" >&2
  exit 1
elif [[ -n "$unavailable" ]]; then
  step "containers"
  printf 'SKIPPED (containers unavailable): %s\n' "$unavailable"
else
  step "containers: podman's API service, the Debian base, the stand-in images"
  bash infra/containers/scripts/install-podman.sh >/dev/null
  bash infra/containers/scripts/podman-service.sh start
  trap 'bash infra/containers/scripts/podman-service.sh stop' EXIT
  eval "$(bash infra/containers/scripts/podman-service.sh env)"
  bash infra/containers/scripts/build-base.sh
  bash infra/containers/scripts/build-stand-ins.sh

  step "containers: each stand-in through testcontainers, docker-compose config"
  nx run @shop/containers:test:integration --exclude-task-dependencies --output-style=static

  step "containers: docker-compose.yml up on the stand-ins, a purchase through it, down -v"
  bash infra/containers/scripts/compose-smoke.sh

  step "end-to-end through testcontainers: the same suite, PostgreSQL, Kafka and RabbitMQ in containers"
  E2E_ENGINES=containers E2E_IMAGES=stand-ins nx run @shop/e2e:e2e --exclude-task-dependencies --output-style=static
fi

end_stage
printf '\n\033[1m== all green in %d s\033[0m\n' "$((SECONDS - started))"
printf '%s\n' "${durations[@]}"
