import type { AttributeValue, StoredSpan } from '../../src/index.js';

const KIND = { INTERNAL: 1, SERVER: 2, CLIENT: 3, PRODUCER: 4, CONSUMER: 5 } as const;
const STATUS = { UNSET: 0, OK: 1, ERROR: 2 } as const;

/**
 * Stored spans back in OTLP/JSON (TracesData), grouped by service, as Jaeger's
 * api/v3 answers them inside `{ "result": … }`: hex ids, nanosecond times and
 * 64-bit integers as strings, enums as numbers.
 */
export function otlpJsonOf(spans: readonly StoredSpan[]): object {
  const services = [...new Set(spans.map((s) => s.service))];
  return {
    resourceSpans: services.map((service) => ({
      resource: { attributes: [{ key: 'service.name', value: { stringValue: service } }] },
      scopeSpans: [
        {
          scope: { name: '@opentelemetry/instrumentation' },
          spans: spans
            .filter((s) => s.service === service)
            .map((s) => ({
              traceId: s.traceId,
              spanId: s.spanId,
              ...(s.parentSpanId ? { parentSpanId: s.parentSpanId } : {}),
              name: s.name,
              kind: KIND[s.kind],
              startTimeUnixNano: s.startTimeUnixNano,
              endTimeUnixNano: s.endTimeUnixNano,
              attributes: keyValues(s.attributes),
              status: {
                code: STATUS[s.status.code],
                ...(s.status.message ? { message: s.status.message } : {}),
              },
              links: s.links.map((l) => ({ ...l, attributes: keyValues(l.attributes) })),
              events: s.events.map((e) => ({ ...e, attributes: keyValues(e.attributes) })),
            })),
        },
      ],
    })),
  };
}

function keyValues(map: Readonly<Record<string, AttributeValue>>) {
  return Object.entries(map).map(([key, value]) => ({ key, value: anyValue(value) }));
}

function anyValue(value: AttributeValue): object {
  if (typeof value === 'string') return { stringValue: value };
  if (typeof value === 'boolean') return { boolValue: value };
  if (typeof value === 'number')
    return Number.isInteger(value) ? { intValue: String(value) } : { doubleValue: value };
  if (Array.isArray(value)) return { arrayValue: { values: value.map(anyValue) } };
  if (value === null) return {};
  return { kvlistValue: { values: keyValues(value) } };
}
