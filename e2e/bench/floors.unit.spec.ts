import { afterEach, describe, expect, it, vi } from 'vitest';
import { checkFloors, floorFromEnv, ratioFloorsFromEnv } from './floors.js';

describe('benchmark floors', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it('reads a floor from the environment, none when unset, and refuses a bad one', () => {
    vi.stubEnv('BENCH_FLOOR_X', '5');
    expect(floorFromEnv('BENCH_FLOOR_X')).toBe(5);
    vi.stubEnv('BENCH_FLOOR_X', '');
    expect(floorFromEnv('BENCH_FLOOR_X')).toBeUndefined();
    vi.stubEnv('BENCH_FLOOR_X', 'five');
    expect(() => floorFromEnv('BENCH_FLOOR_X')).toThrow(/expected a number/);
  });

  it('reads per-protocol ratio floors and refuses a share outside 0..1', () => {
    vi.stubEnv('BENCH_FLOOR_RATIOS', 'REST:0.05,gRPC:0.3');
    expect(ratioFloorsFromEnv()).toEqual(
      new Map([
        ['REST', 0.05],
        ['gRPC', 0.3],
      ]),
    );
    vi.stubEnv('BENCH_FLOOR_RATIOS', 'REST:5');
    expect(() => ratioFloorsFromEnv()).toThrow(/not protocol:share/);
  });

  it('fails when a figure falls below its floor and says which', () => {
    const lines: string[] = [];
    const ok = checkFloors(
      [
        { name: 'orders/s', value: 40, floor: 5 },
        { name: 'REST vs bare', value: 0.01, floor: 0.05 },
      ],
      (line) => lines.push(line),
    );
    expect(ok).toBe(false);
    expect(lines[0]).toMatch(/^ {2}ok {3}orders\/s: 40\.00/);
    expect(lines[1]).toMatch(/FAIL REST vs bare: 0\.01 \(floor 0\.05: collapsed\)/);
    expect(checkFloors([{ name: 'orders/s', value: 5, floor: 5 }], () => undefined)).toBe(true);
  });
});
