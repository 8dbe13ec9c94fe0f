import type { AttributeMap, AttributeValue, StoredSpan } from '@shop/trace-collector';

/** What must never appear in a span: card tokens, e-mail addresses, request bodies, the learner. */
export interface Forbidden {
  /** Values only this purchase has (its learner id, its card token). */
  readonly values: readonly string[];
}

const PATTERNS: readonly [string, RegExp][] = [
  ['a card token', /\btok_[a-z0-9_]+/i],
  ['an e-mail address', /[a-z0-9._%+-]+@[a-z0-9-]+(\.[a-z0-9-]+)*\.[a-z]{2,}/i],
  ['a JSON request body', /"(cardToken|learnerId|courseIds|idempotencyKey)"\s*:/],
];
// Sizes (`http.request.body.size`) are fine; contents are not.
const FORBIDDEN_KEYS = /body|payload|card|email|password|authorization|cookie/i;
const isSize = (key: string) => key.endsWith('.size');

/** Every place in `spans` (attribute keys and values, names, events, links, status) that leaks. */
export function leaksIn(spans: readonly StoredSpan[], forbidden: Forbidden): string[] {
  const found: string[] = [];
  const check = (where: string, key: string, value: AttributeValue) => {
    if (FORBIDDEN_KEYS.test(key) && !isSize(key)) found.push(`${where}: attribute key "${key}"`);
    for (const text of strings(value)) {
      for (const [what, pattern] of PATTERNS)
        if (pattern.test(text)) found.push(`${where}: ${what} in ${key} = ${text.slice(0, 120)}`);
      for (const secret of forbidden.values)
        if (text.includes(secret)) found.push(`${where}: "${secret}" in ${key}`);
    }
  };
  for (const span of spans) {
    const where = `${span.service} "${span.name}"`;
    check(where, 'span name', span.name);
    check(where, 'status message', span.status.message ?? '');
    scan(where, span.attributes, check);
    for (const event of span.events) scan(`${where} event ${event.name}`, event.attributes, check);
    for (const link of span.links) scan(`${where} link`, link.attributes, check);
  }
  return found;
}

function scan(
  where: string,
  map: AttributeMap,
  check: (w: string, k: string, v: AttributeValue) => void,
) {
  for (const [key, value] of Object.entries(map)) check(where, key, value);
}

function strings(value: AttributeValue): string[] {
  if (value === null) return [];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (typeof value === 'object')
    return Object.entries(value).flatMap(([k, v]) => [k, ...strings(v)]);
  return [String(value)];
}
