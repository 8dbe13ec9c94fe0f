import { describe, expect, it } from 'vitest';
import { isRefusal, refuse } from './refusal.js';

describe('isRefusal', () => {
  it('recognises a refusal and nothing else a handler may return', () => {
    expect(isRefusal(refuse('CONTRADICTION', 'why'))).toBe(true);
    for (const other of [undefined, null, 'applied', 'DUPLICATE', true, { refused: 'yes' }]) {
      expect(isRefusal(other)).toBe(false);
    }
    expect(isRefusal({ refused: true, code: 'X' })).toBe(false);
  });
});
