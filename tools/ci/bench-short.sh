#!/usr/bin/env bash
# The benchmarks, short, in CI (issue 17): each starts its own stack on the
# stand-ins and prints its figures. The run fails only when an invariant
# breaks (an order lost or duplicated, a read that failed) or a figure
# collapses below a floor set far under what the benches measure on a busy
# machine today — never because a target is missed. The full runs stay manual
# (docs/benchmarks.md).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

# The purchase: 8 connections for 10 s (the full run: 50 for 30 s). Every
# effect of every order checked in the services' databases; below 5 orders/s
# the flow has collapsed (the full runs measure 30–66 on this machine kind).
BENCH_DURATION_S=10 BENCH_CONNECTIONS=8 BENCH_FLOOR_ORDERS_PER_S=5 \
  pnpm --filter @shop/e2e bench

# The three read paths at c=50, one repetition of 3 s each (the full run: two
# of 7 s at c=50 and 300). Floors at about a third of the ratios measured in
# docs/benchmarks.md, which are ratios to a bare server in the same run, so
# they hold on a loaded machine.
BENCH_DURATION_S=3 BENCH_WARMUP_S=1 BENCH_JIT_WARMUP_S=2 BENCH_REPEATS=1 BENCH_CONCURRENCY=50 \
  BENCH_FLOOR_RATIOS=REST:0.05,gRPC:0.25,GraphQL:0.03 \
  pnpm --filter @shop/e2e bench:protocols
