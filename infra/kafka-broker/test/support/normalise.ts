// What legitimately differs between two brokers and two runs is replaced with
// stable placeholders; everything else is compared as observed.
const MEMBER_ID = /[\w.-]*-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;
const BROKER_ADDRESS = /(?:127\.0\.0\.1|localhost):\d+/g;

export function normalise(value: unknown, ns: string): unknown {
  if (typeof value === 'string') {
    return value
      .split(ns)
      .join('NS')
      .replace(MEMBER_ID, '<member-id>')
      .replace(BROKER_ADDRESS, '<broker>');
  }
  if (Buffer.isBuffer(value)) return `<${value.length} bytes>`;
  if (Array.isArray(value)) return value.map((v) => normalise(v, ns));
  if (value instanceof Set) return [...value].map((v) => normalise(v, ns)).sort();
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => [
          k,
          k === 'logAppendTime' && v !== '-1' ? '<timestamp>' : normalise(v, ns),
        ]),
    );
  }
  return value;
}
