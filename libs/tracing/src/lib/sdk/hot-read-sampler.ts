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

function isHotRead(read: HotRead, spanName: string, attributes: Attributes): boolean {
  if ('spanName' in read) return spanName === read.spanName;
  const path = attributes['url.path'];
  return (
    attributes['http.request.method'] === read.httpMethod &&
    typeof path === 'string' &&
    (path === read.pathPrefix || path.startsWith(`${read.pathPrefix}/`))
  );
}

/**
 * The root of a trace: a server span of a hot read is sampled at `ratio`
 * (by trace id, so every service agrees), every other span always.
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
    attributes: Attributes,
    _links: Link[],
  ): SamplingResult {
    if (spanKind !== SpanKind.SERVER) return RECORD_AND_SAMPLE;
    if (!this.hotReads.some((read) => isHotRead(read, spanName, attributes)))
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
