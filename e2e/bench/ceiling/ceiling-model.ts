/**
 * The physical limit of the purchase flow on this machine: the orders per
 * second it could carry if the services cost nothing, only the work an order
 * needs from the engines and the wire.
 *
 * Each resource was measured alone, saturating the same two cores (its own
 * clients included), as `capacityPerS` units per second. One order needs
 * `perOrder` units of each, so it costs `perOrder / capacityPerS` seconds of
 * the whole machine there; those add up, because every resource draws on the
 * same CPUs (and PostgreSQL's WAL flushes on the same disk). The limit is the
 * inverse of the sum — a harmonic sum, not the slowest resource alone.
 */
export interface Resource {
  readonly name: string;
  /** What one unit is, e.g. "commit (3 writes)". */
  readonly unit: string;
  readonly perOrder: number;
  readonly capacityPerS: number;
}

export interface CeilingRow extends Resource {
  /** Orders per second if this resource were the only work. */
  readonly ordersPerSAlone: number;
  /** This resource's share of one order's machine time. */
  readonly share: number;
}

export interface Ceiling {
  readonly ordersPerS: number;
  /** Machine time one order needs at the limit (ms, across both cores' worth of capacity). */
  readonly msPerOrder: number;
  readonly rows: readonly CeilingRow[];
}

export function ceilingOf(resources: readonly Resource[]): Ceiling {
  const cost = (r: Resource) => (r.capacityPerS > 0 ? r.perOrder / r.capacityPerS : Infinity);
  const total = resources.reduce((sum, r) => sum + cost(r), 0);
  return {
    ordersPerS: total > 0 ? 1 / total : Infinity,
    msPerOrder: total * 1000,
    rows: resources.map((r) => ({
      ...r,
      ordersPerSAlone: r.perOrder > 0 ? r.capacityPerS / r.perOrder : Infinity,
      share: total > 0 ? cost(r) / total : 0,
    })),
  };
}
