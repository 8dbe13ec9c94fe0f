/**
 * Histogram buckets for durations in seconds: OpenTelemetry's advice for
 * `http.server.request.duration`, used for every duration here so that any
 * two latency panels compare.
 */
export const DURATION_BUCKETS_S = [
  0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10,
] as const;

/** The label value for anything outside a known, bounded set. */
export const OTHER = 'other';

/**
 * Keeps a label's values bounded: `value` if it is one of `known`, else
 * `other`. A label that took any value a client sends (a raw URL, an
 * operation name, an id) would grow one series per value until the scrape
 * or Prometheus falls over.
 */
export function bounded(value: string | undefined, known: ReadonlySet<string>): string {
  return value !== undefined && known.has(value) ? value : OTHER;
}

/** Seconds since `startedAt` (a `performance.now()` reading). */
export function secondsSince(startedAt: number): number {
  return (performance.now() - startedAt) / 1_000;
}
