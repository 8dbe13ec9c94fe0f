import { appendFile, mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { StoredSpan } from '@shop/purchase-timeline';

/**
 * The collector's store: one JSON line per span, appended in arrival order.
 * Appends are serialized, so concurrent exports never interleave their lines.
 */
export class SpanFile {
  private last: Promise<unknown> = Promise.resolve();

  constructor(readonly path: string) {}

  append(spans: readonly StoredSpan[]): Promise<void> {
    if (spans.length === 0) return Promise.resolve();
    const lines = spans.map((span) => `${JSON.stringify(span)}\n`).join('');
    const next = this.last.then(async () => {
      await mkdir(dirname(this.path), { recursive: true });
      await appendFile(this.path, lines, 'utf8');
    });
    this.last = next.catch(() => undefined);
    return next;
  }
}

/** Every span in a spans file; a missing file holds none. A torn last line (a write in progress) is skipped. */
export async function readSpans(path: string): Promise<StoredSpan[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const spans: StoredSpan[] = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    try {
      spans.push(JSON.parse(line) as StoredSpan);
    } catch {
      // Only the line being written can be incomplete; the next read sees it whole.
    }
  }
  return spans;
}
