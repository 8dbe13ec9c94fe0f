/** What an app logs once it listens (libs/platform/src/lib/service/startup-phases.ts). */
export interface StartupLine {
  /** When the process started, epoch ms. */
  readonly startedAt: number;
  /** CPU time (user + system) used up to listening, ms; absent in lines logged before it was added. */
  readonly cpuMs?: number;
  /** ms since the process started, by mark name without its `shop:` prefix. */
  readonly marks: Readonly<Record<string, number>>;
}

/** The phases of one start, in ms, in the order they happen. */
export const PHASES = [
  'spawn',
  'node',
  'tracing',
  'imports',
  'nest',
  'transports',
  'listen',
  'ready',
  'total',
  'cpu',
] as const;
export type Phases = Record<(typeof PHASES)[number], number>;

/**
 * - spawn: from `spawn()` in the launcher to the process's own start
 * - node: Node's bootstrap, up to the first preload
 * - tracing: the OpenTelemetry preload
 * - imports: evaluating main.js and everything it imports
 * - nest: NestFactory.create (module scan, dependency injection)
 * - transports: connecting and starting Kafka/AMQP/gRPC transports
 * - listen: app.init (lifecycle hooks) and the HTTP listen
 * - ready: from listening to the first 200 of /health/ready (database, brokers)
 * - total: spawn to ready, as the launcher sees it
 * - cpu: CPU time the process used up to listening (less sensitive to a busy machine than the rest)
 */
export function phasesOf(line: StartupLine, spawnedAt: number, readyAt: number): Phases {
  const at = (mark: string) => line.marks[mark] ?? NaN;
  const listening = at('listening');
  return {
    spawn: line.startedAt - spawnedAt,
    node: at('preload-start'),
    tracing: at('tracing-ready') - at('preload-start'),
    imports: at('imports-loaded') - at('tracing-ready'),
    nest: at('nest-created') - at('imports-loaded'),
    transports: at('transports-started') - at('nest-created'),
    listen: listening - at('transports-started'),
    ready: readyAt - (line.startedAt + listening),
    total: readyAt - spawnedAt,
    cpu: line.cpuMs ?? NaN,
  };
}
