import type { Instrumentation } from '@opentelemetry/instrumentation';
import { untracedHotRead } from './hot-read-sampler.js';

/**
 * The packages the instrumentations patch when they are imported from ES
 * modules; only these go through the import-in-the-middle loader, so the rest
 * of the app loads at full speed. CommonJS `require`s are hooked regardless.
 */
export const INSTRUMENTED_MODULES = [
  'http',
  'https',
  '@grpc/grpc-js',
  'pg',
  'pg-pool',
  'kafkajs',
  'amqplib',
  'graphql',
  'pino',
] as const;

// Probes every few seconds would drown the traces worth reading.
const isHealthProbe = (path: string | undefined) => path?.startsWith('/health') ?? false;

/**
 * One instrumentation per protocol the services speak. Each creates spans and
 * carries W3C trace context across its hop: HTTP headers (server and fetch
 * client), gRPC metadata, Kafka record headers, AMQP message headers. Settings
 * that keep the cost and the noise down, and personal data out:
 * - no span without a parent for outgoing calls and database queries (the
 *   outbox relay's polling would otherwise be a trace per second);
 * - health probes are not traced, nor all but `hotReadRatio` of the HTTP hot
 *   reads (undefined: every one);
 * - no headers, bodies, query values or GraphQL literal values are recorded.
 */
export async function createInstrumentations(
  hotReadRatio: number | undefined,
): Promise<Instrumentation[]> {
  const untraced = hotReadRatio === undefined ? () => false : untracedHotRead(hotReadRatio);
  const [http, undici, grpc, pg, kafkajs, amqplib, graphql, pino] = await Promise.all([
    import('@opentelemetry/instrumentation-http'),
    import('@opentelemetry/instrumentation-undici'),
    import('@opentelemetry/instrumentation-grpc'),
    import('@opentelemetry/instrumentation-pg'),
    import('@opentelemetry/instrumentation-kafkajs'),
    import('@opentelemetry/instrumentation-amqplib'),
    import('@opentelemetry/instrumentation-graphql'),
    import('@opentelemetry/instrumentation-pino'),
  ]);
  return [
    new http.HttpInstrumentation({
      ignoreIncomingRequestHook: (request) => isHealthProbe(request.url) || untraced(request),
      requireParentforOutgoingSpans: true,
    }),
    new undici.UndiciInstrumentation({ requireParentforSpans: true }),
    new grpc.GrpcInstrumentation(),
    new pg.PgInstrumentation({ requireParentSpan: true, ignoreConnectSpans: true }),
    new kafkajs.KafkaJsInstrumentation(),
    new amqplib.AmqplibInstrumentation(),
    new graphql.GraphQLInstrumentation({
      allowValues: false,
      // A span per root field (placeOrder, course…), none per nested field:
      // Nest wraps every field resolver, so "trivial" ones would still count.
      depth: 1,
      ignoreTrivialResolveSpans: true,
      mergeItems: true,
    }),
    // Log lines get trace_id and span_id; the lines themselves stay on stdout.
    new pino.PinoInstrumentation({ disableLogSending: true }),
  ];
}
