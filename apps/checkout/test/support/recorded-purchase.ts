import { readFileSync } from 'node:fs';
import type { StoredSpan } from '@shop/purchase-timeline';

// @shop/purchase-timeline's fixture: the non-database spans of a real completed purchase.
const fixture = new URL(
  '../../../../libs/purchase-timeline/test/fixtures/completed.spans.jsonl',
  import.meta.url,
);

export function recordedCompletedPurchase(): StoredSpan[] {
  return readFileSync(fixture, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as StoredSpan);
}
