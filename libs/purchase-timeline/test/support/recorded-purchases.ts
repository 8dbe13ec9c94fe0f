import { existsSync, readFileSync } from 'node:fs';
import type { StatusChange, StoredSpan } from '../../src/index.js';

/**
 * Spans of real purchases (database spans left out) and the order's status
 * history as checkout answered it, recorded from the local stack by
 * scripts/capture-timeline-fixtures.mjs. `relay-retried` comes from a failure
 * drill (RabbitMQ down while the order was placed) and has no history.
 */
export type RecordedPurchase =
  'completed' | 'through-bff' | 'declined' | 'course-full' | 'relay-retried';

const dir = new URL('../fixtures/', import.meta.url);

export function recorded(name: RecordedPurchase): {
  spans: StoredSpan[];
  history: StatusChange[];
} {
  const spans = readFileSync(new URL(`${name}.spans.jsonl`, dir), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as StoredSpan);
  const historyFile = new URL(`${name}.history.json`, dir);
  const history = existsSync(historyFile)
    ? (JSON.parse(readFileSync(historyFile, 'utf8')) as StatusChange[])
    : [];
  return { spans, history };
}
