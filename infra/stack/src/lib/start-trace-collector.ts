import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ManagedProcess } from './managed-process.js';
import type { OwnedProcesses } from './owned-processes.js';
import { StackComponent } from './stack-component.js';

const COLLECTOR_CLI = 'infra/trace-collector/dist/cli.js';

/** Where the apps send spans, and whether that is the stack's own collector (then `traceFile` is set). */
export interface TraceExport {
  /** The OTLP/HTTP endpoint given to every app; undefined: tracing off. */
  readonly endpoint: string | undefined;
  /** The spans file `pnpm trace` reads, when the local collector runs. */
  readonly traceFile: string | undefined;
  /** Why tracing is off, if it is. */
  readonly notStarted?: string;
}

/**
 * Starts the local OTLP receiver (spans appended to `<data>/traces/spans.jsonl`),
 * unless the user gave an endpoint of their own (an OpenTelemetry Collector,
 * Jaeger), which the apps then export to instead.
 */
export async function startTraceCollector(options: {
  readonly root: string;
  readonly dataDir: string;
  readonly logDir: string;
  readonly port: number;
  readonly externalEndpoint: string | undefined;
  readonly readyTimeoutMs: number;
  readonly log: (line: string) => void;
  readonly owned: OwnedProcesses;
}): Promise<TraceExport> {
  const { root, dataDir, logDir, port, externalEndpoint, readyTimeoutMs, log, owned } = options;
  if (externalEndpoint !== undefined) {
    log(`traces       exported to ${externalEndpoint} (not starting the local collector)`);
    return { endpoint: externalEndpoint, traceFile: undefined };
  }
  const cli = join(root, COLLECTOR_CLI);
  if (!existsSync(cli)) {
    const reason = `trace collector: NOT STARTED — ${COLLECTOR_CLI} is not built; the apps run without tracing`;
    log(`traces       ${reason}`);
    return { endpoint: undefined, traceFile: undefined, notStarted: reason };
  }
  const traceFile = join(dataDir, 'traces', 'spans.jsonl');
  const component = owned.add(
    new StackComponent({
      name: 'trace-collector',
      kind: 'collector',
      spawn: () =>
        ManagedProcess.spawn({
          name: 'trace-collector',
          command: process.execPath,
          args: ['--enable-source-maps', cli, '--port', String(port), '--file', traceFile],
          cwd: root,
          env: process.env,
          logFile: join(logDir, 'trace-collector.log'),
        }),
      waitUntilServing: async (child) => {
        await child.waitForLine(/listening on/, readyTimeoutMs);
      },
    }),
  );
  await component.start();
  log(`traces       ready on 127.0.0.1:${port} — local OTLP receiver, spans in ${traceFile}`);
  return { endpoint: `http://127.0.0.1:${port}`, traceFile };
}

/**
 * What every app gets to trace: the standard OpenTelemetry variables. The
 * local collector reads OTLP/JSON; spans are exported every half second so
 * `pnpm trace` sees a purchase moments after it completes. checkout also
 * reads an order's spans back from it, for `Order.timeline`.
 */
export function tracingEnv(app: string, traces: TraceExport): Record<string, string> {
  if (traces.endpoint === undefined) return {};
  return {
    OTEL_SERVICE_NAME: app,
    OTEL_EXPORTER_OTLP_ENDPOINT: traces.endpoint,
    ...(traces.traceFile === undefined ? {} : { OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json' }),
    OTEL_BSP_SCHEDULE_DELAY: '500',
    // checkout serves Order.timeline from the local collector's read API.
    ...(app === 'checkout' && traces.traceFile !== undefined
      ? { TRACE_SPANS_URL: traces.endpoint }
      : {}),
  };
}
