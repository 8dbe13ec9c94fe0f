import { z } from 'zod';
import type {
  AttributeMap,
  AttributeValue,
  SpanKindName,
  StoredLink,
  StoredSpan,
} from './stored-span.js';

// OTLP/JSON (opentelemetry-proto's JSON mapping): ids are hex strings, 64-bit
// integers may arrive as strings, enums as numbers. Only what the waterfall
// and the attribute scans need is read; unknown fields are ignored.
type AnyValue = z.infer<typeof anyValue>;
const anyValue: z.ZodType<{
  stringValue?: string;
  boolValue?: boolean;
  intValue?: string | number;
  doubleValue?: number;
  bytesValue?: string;
  arrayValue?: { values?: AnyValue[] };
  kvlistValue?: { values?: { key: string; value?: AnyValue }[] };
}> = z.lazy(() =>
  z.object({
    stringValue: z.string().optional(),
    boolValue: z.boolean().optional(),
    intValue: z.union([z.string(), z.number()]).optional(),
    doubleValue: z.number().optional(),
    bytesValue: z.string().optional(),
    arrayValue: z.object({ values: z.array(anyValue).optional() }).optional(),
    kvlistValue: z.object({ values: z.array(keyValue).optional() }).optional(),
  }),
);
const keyValue = z.object({ key: z.string(), value: anyValue.optional() });
const attributes = z.array(keyValue).default([]);
const nanos = z.union([z.string(), z.number()]).transform(String);

const span = z.object({
  traceId: z.string(),
  spanId: z.string(),
  parentSpanId: z.string().optional(),
  name: z.string(),
  kind: z.number().int().min(0).max(5).default(1),
  startTimeUnixNano: nanos,
  endTimeUnixNano: nanos,
  attributes,
  status: z
    .object({ code: z.number().int().default(0), message: z.string().optional() })
    .default({ code: 0 }),
  links: z.array(z.object({ traceId: z.string(), spanId: z.string(), attributes })).default([]),
  events: z.array(z.object({ name: z.string(), attributes })).default([]),
});

/** The body of `POST /v1/traces` in OTLP/JSON: ExportTraceServiceRequest. */
export const exportTraceServiceRequest = z.object({
  resourceSpans: z
    .array(
      z.object({
        resource: z.object({ attributes }).default({ attributes: [] }),
        scopeSpans: z.array(z.object({ spans: z.array(span).default([]) })).default([]),
      }),
    )
    .default([]),
});

const KINDS: readonly SpanKindName[] = [
  'INTERNAL',
  'INTERNAL',
  'SERVER',
  'CLIENT',
  'PRODUCER',
  'CONSUMER',
];
const STATUS = ['UNSET', 'OK', 'ERROR'] as const;

/** Flattens an export request into stored spans, each with its resource's service name. */
export function spansOfRequest(body: unknown): StoredSpan[] {
  const request = exportTraceServiceRequest.parse(body);
  return request.resourceSpans.flatMap(({ resource, scopeSpans }) => {
    const named = toMap(resource.attributes)['service.name'];
    const service = typeof named === 'string' ? named : 'unknown_service';
    return scopeSpans.flatMap(({ spans }) =>
      spans.map((s): StoredSpan => ({
        service,
        traceId: s.traceId,
        spanId: s.spanId,
        ...(s.parentSpanId ? { parentSpanId: s.parentSpanId } : {}),
        name: s.name,
        kind: KINDS[s.kind] ?? 'INTERNAL',
        startTimeUnixNano: s.startTimeUnixNano,
        endTimeUnixNano: s.endTimeUnixNano,
        status: {
          code: STATUS[s.status.code] ?? 'UNSET',
          ...(s.status.message ? { message: s.status.message } : {}),
        },
        attributes: toMap(s.attributes),
        links: s.links.map((l): StoredLink => ({
          traceId: l.traceId,
          spanId: l.spanId,
          attributes: toMap(l.attributes),
        })),
        events: s.events.map((e) => ({ name: e.name, attributes: toMap(e.attributes) })),
      })),
    );
  });
}

function toMap(pairs: readonly { key: string; value?: AnyValue | undefined }[]): AttributeMap {
  return Object.fromEntries(pairs.map(({ key, value }) => [key, valueOf(value)]));
}

function valueOf(value: AnyValue | undefined): AttributeValue {
  if (value === undefined) return null;
  if (value.stringValue !== undefined) return value.stringValue;
  if (value.boolValue !== undefined) return value.boolValue;
  if (value.intValue !== undefined) return Number(value.intValue);
  if (value.doubleValue !== undefined) return value.doubleValue;
  if (value.bytesValue !== undefined) return value.bytesValue;
  if (value.arrayValue) return (value.arrayValue.values ?? []).map(valueOf);
  if (value.kvlistValue) return toMap(value.kvlistValue.values ?? []);
  return null;
}
