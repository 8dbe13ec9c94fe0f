import type { IncomingMessage } from 'node:http';
import { SpanKind, type Attributes, type Context, type Link } from '@opentelemetry/api';
import {
  ParentBasedSampler,
  SamplingDecision,
  TraceIdRatioBasedSampler,
  type Sampler,
  type SamplingResult,
} from '@opentelemetry/sdk-trace';

/** A request that starts a trace of its own, carries no purchase, and may come at any rate. */
export type HotRead =
  { readonly httpMethod: string; readonly pathPrefix: string } | { readonly spanName: string };

/**
 * The project's hot reads: checkout's catalog over REST (`GET /v1/courses`,
 * `GET /v1/courses/:id`) and payment's test cards over gRPC. Everything else
 * — every order, payment, refund, message and GraphQL operation — is traced.
 */
export const HOT_READS: readonly HotRead[] = [
  { httpMethod: 'GET', pathPrefix: '/v1/courses' },
  { spanName: 'grpc.shop.payment.v1.PaymentService/ListTestCards' },
];

/** Share of hot reads traced unless `SHOP_TRACES_HOT_READ_RATIO` says otherwise. */
export const DEFAULT_HOT_READ_RATIO = 0.1;

const RECORD_AND_SAMPLE: SamplingResult = { decision: SamplingDecision.RECORD_AND_SAMPLED };

type HttpHotRead = Extract<HotRead, { httpMethod: string }>;

const isHttpRead = (read: HotRead): read is HttpHotRead => 'httpMethod' in read;

function isHotHttpRequest(reads: readonly HttpHotRead[], method: string, path: string): boolean {
  return reads.some(
    (read) =>
      method === read.httpMethod &&
      (path === read.pathPrefix || path.startsWith(`${read.pathPrefix}/`)),
  );
}

/**
 * For the HTTP instrumentation's `ignoreIncomingRequestHook`: leave all but
 * `ratio` of the HTTP hot reads untraced, deciding before any span exists —
 * so an untraced read skips the instrumentation's per-request work, not only
 * the export. A request carrying a caller's `traceparent` follows it (the
 * sampler then decides by the parent).
 */
export function untracedHotRead(
  ratio: number,
  hotReads: readonly HotRead[] = HOT_READS,
  random: () => number = Math.random,
): (request: IncomingMessage) => boolean {
  const reads = hotReads.filter(isHttpRead);
  return (request) => {
    if (request.headers.traceparent !== undefined) return false;
    const url = request.url ?? '';
    const query = url.indexOf('?');
    const path = query === -1 ? url : url.slice(0, query);
    return isHotHttpRequest(reads, request.method ?? '', path) && random() >= ratio;
  };
}

/**
 * The root of a trace: a server span of a hot gRPC read is sampled at
 * `ratio` (by trace id), every other span always. HTTP hot reads were
 * decided before their span started (`untracedHotRead`).
 */
class HotReadRootSampler implements Sampler {
  private readonly ratio: TraceIdRatioBasedSampler;

  constructor(
    private readonly hotReads: readonly HotRead[],
    ratio: number,
  ) {
    this.ratio = new TraceIdRatioBasedSampler(ratio);
  }

  shouldSample(
    context: Context,
    traceId: string,
    spanName: string,
    spanKind: SpanKind,
    _attributes: Attributes,
    _links: Link[],
  ): SamplingResult {
    if (spanKind !== SpanKind.SERVER) return RECORD_AND_SAMPLE;
    if (!this.hotReads.some((read) => 'spanName' in read && read.spanName === spanName))
      return RECORD_AND_SAMPLE;
    return this.ratio.shouldSample(context, traceId);
  }

  toString(): string {
    return `HotReadRootSampler{${this.ratio.toString()}}`;
  }
}

/**
 * Every trace kept, except hot reads, of which `ratio` are kept. Parent-based
 * as the SDK's default is: a span whose caller's trace was sampled is
 * sampled, one whose caller's was not is not, so a trace is whole or absent.
 */
export function hotReadSampler(ratio: number, hotReads: readonly HotRead[] = HOT_READS): Sampler {
  return new ParentBasedSampler({ root: new HotReadRootSampler(hotReads, ratio) });
}
