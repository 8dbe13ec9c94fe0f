import { performance } from 'node:perf_hooks';

/**
 * The start-up phases of a service process, as User Timing marks
 * (`performance.mark`) in the order they happen. The tracing preload sets the
 * first two, the platform the rest; each is milliseconds since the process
 * started (`performance.timeOrigin`), so one log line tells where start-up
 * time went (`infra/stack/scripts/measure-startup.ts` reads it).
 */
export const STARTUP_MARKS = [
  // Node's own bootstrap is done and the first preload runs.
  'shop:preload-start',
  // OpenTelemetry is started (or found off).
  'shop:tracing-ready',
  // main.js and everything it imports are evaluated.
  'shop:imports-loaded',
  // NestFactory.create: modules scanned, providers instantiated (DI).
  'shop:nest-created',
  // Broker and gRPC transports connected and consuming.
  'shop:transports-started',
  // app.init (lifecycle hooks) and the HTTP server listens.
  'shop:listening',
] as const;

export type StartupMark = (typeof STARTUP_MARKS)[number];

export function markStartup(mark: StartupMark): void {
  performance.mark(mark);
}

/**
 * `{ '…': ms since process start }` for each mark set so far, the process's
 * start time, and the CPU time it has used (user + system, ms): on a busy
 * machine the wall-clock phases stretch, the CPU time much less.
 */
export function startupPhases(): {
  readonly startedAt: number;
  readonly cpuMs: number;
  readonly marks: Record<string, number>;
} {
  const marks: Record<string, number> = {};
  for (const name of STARTUP_MARKS) {
    const [entry] = performance.getEntriesByName(name, 'mark');
    if (entry) marks[name.replace(/^shop:/, '')] = Math.round(entry.startTime);
  }
  const { user, system } = process.cpuUsage();
  return {
    startedAt: Math.round(performance.timeOrigin),
    cpuMs: Math.round((user + system) / 1000),
    marks,
  };
}
