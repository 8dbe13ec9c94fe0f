import { setTimeout } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { correlationIdFrom, currentCorrelationId, withCorrelationId } from './correlation.js';

describe('correlation id', () => {
  it('follows the work across awaits and is gone outside it', async () => {
    const seen = await withCorrelationId('order-42', async () => {
      await setTimeout(1);
      return currentCorrelationId();
    });
    expect(seen).toBe('order-42');
    expect(currentCorrelationId()).toBeUndefined();
  });

  it('keeps concurrent requests apart', async () => {
    const run = (id: string, delay: number) =>
      withCorrelationId(id, async () => {
        await setTimeout(delay);
        return currentCorrelationId();
      });
    await expect(Promise.all([run('a', 5), run('b', 1)])).resolves.toEqual(['a', 'b']);
  });

  it('keeps a well-formed incoming id and replaces a malformed one', () => {
    expect(correlationIdFrom('req-123_abc')).toBe('req-123_abc');
    expect(correlationIdFrom(['first', 'second'])).toBe('first');
    const replaced = correlationIdFrom('bad id\nwith newline');
    expect(replaced).toMatch(/^[0-9a-f-]{36}$/);
    expect(correlationIdFrom(undefined)).not.toBe(correlationIdFrom(undefined));
  });
});
