// Generated names differ between brokers and runs; results are compared
// after replacing them with stable placeholders.
export function normalise(value: unknown, ns: string): unknown {
  if (typeof value === 'string') {
    return value
      .split(ns)
      .join('NS')
      .replace(/amq\.gen-[A-Za-z0-9_-]{22}/g, 'amq.gen-*')
      .replace(/amq\.ctag-[A-Za-z0-9_-]+/g, 'amq.ctag-*')
      .replace(/amq\.rabbitmq\.reply-to\.[A-Za-z0-9_.=+/-]+/g, 'amq.rabbitmq.reply-to.*');
  }
  if (Buffer.isBuffer(value)) return `<${value.length} bytes>`;
  if (Array.isArray(value)) return value.map((v) => normalise(v, ns));
  if (value instanceof Set) return [...value].map((v) => normalise(v, ns)).sort();
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, normalise(v, ns)]));
  }
  return value;
}
