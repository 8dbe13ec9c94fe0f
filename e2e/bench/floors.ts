// The short benchmark run in CI (tools/ci/bench-short.sh) must not rot and
// must not flake: it fails when an invariant breaks or a figure *collapses*
// far below what the benches measure today, never because a target is
// missed. Floors come from the environment, so the full manual runs report
// without them.

/** A figure measured in this run and the floor it must not fall below. */
export interface FloorCheck {
  readonly name: string;
  readonly value: number;
  readonly floor: number;
}

/** `BENCH_FLOOR_ORDERS_PER_S=5` → 5; unset → undefined (no floor). Anything else is a usage error. */
export function floorFromEnv(variable: string): number | undefined {
  const raw = process.env[variable];
  if (raw === undefined || raw === '') return undefined;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0)
    throw new Error(`${variable}=${raw}: expected a number ≥ 0`);
  return value;
}

/**
 * `BENCH_FLOOR_RATIOS=REST:0.05,gRPC:0.3,GraphQL:0.02` → a map from protocol
 * to the least share of its bare server; unset → an empty map.
 */
export function ratioFloorsFromEnv(variable = 'BENCH_FLOOR_RATIOS'): Map<string, number> {
  const raw = process.env[variable] ?? '';
  const floors = new Map<string, number>();
  for (const entry of raw.split(',').filter(Boolean)) {
    const [protocol, share] = entry.split(':');
    const value = Number(share);
    if (!protocol || !Number.isFinite(value) || value < 0 || value > 1)
      throw new Error(`${variable}: "${entry}" is not protocol:share (a share in 0..1)`);
    floors.set(protocol, value);
  }
  return floors;
}

/** Prints one line per floor; true when none is breached. */
export function checkFloors(checks: readonly FloorCheck[], say: (line: string) => void): boolean {
  for (const { name, value, floor } of checks)
    say(
      `  ${value >= floor ? 'ok  ' : 'FAIL'} ${name}: ${value.toFixed(2)} (floor ${floor}${value >= floor ? '' : ': collapsed'})`,
    );
  return checks.every(({ value, floor }) => value >= floor);
}
