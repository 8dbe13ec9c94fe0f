import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ActiveFault } from '../faults/fault-injector.js';
import { findRepoRoot } from '../repo-root.js';
import { drillEntries, parseRedriveOutput } from './drill-routes.js';

const active = (request: ActiveFault['request']): ActiveFault => ({
  id: 'f1',
  request,
  startedAt: '2026-12-08T00:00:00.000Z',
  until: '2026-12-08T00:01:00.000Z',
  remainingMs: 60_000,
});

describe('the drills catalog the drills panel lists', () => {
  it('names a lab page that exists for every drill', () => {
    const labs = join(findRepoRoot(import.meta.dirname), 'docs', 'labs');
    for (const drill of drillEntries([]))
      expect(existsSync(join(labs, drill.lab)), drill.lab).toBe(true);
  });

  it('tells lasting faults, one-shot injections and the drill that is only purchases apart', () => {
    const byName = new Map(drillEntries([]).map((d) => [d.name, d]));
    expect(byName.get('payment-down')?.injects).toBe('lasting');
    expect(byName.get('poison-command')?.injects).toBe('one-shot');
    expect(byName.get('course-full')?.injects).toBe('none');
    expect(byName.get('retry-storm')?.load).toEqual({ purchases: 36, course: 'grpc-in-practice' });
  });

  it("shows a fault in force as its drill's, whatever its duration, and not as another drill's", () => {
    const entries = drillEntries([active({ kind: 'payment-down', durationMs: 12_345 })]);
    const on = entries.filter((d) => d.active.length > 0).map((d) => d.name);
    expect(on).toEqual(['payment-down']);
    expect(entries.find((d) => d.name === 'payment-down')?.active).toEqual([
      { id: 'f1', until: '2026-12-08T00:01:00.000Z', remainingMs: 60_000 },
    ]);
  });

  it('does not take a fault with other parameters for the drill (payment-failing at 0.5 is the retry storm)', () => {
    const storm = drillEntries([
      active({ kind: 'payment-failing', durationMs: 5_000, errorRate: 0.5 }),
    ]);
    expect(storm.filter((d) => d.active.length > 0).map((d) => d.name)).toEqual(['retry-storm']);
  });
});

describe("reading enrollment's redrive", () => {
  it('takes the counts from its line', () => {
    expect(
      parseRedriveOutput(
        'moved 2 command(s) from enrollment.grant-seat.parking to enrollment.grant-seat; 0 left parked\n',
      ),
    ).toEqual({
      moved: 2,
      remaining: 0,
      output:
        'moved 2 command(s) from enrollment.grant-seat.parking to enrollment.grant-seat; 0 left parked',
    });
  });

  it('refuses a line it does not know rather than guess', () => {
    expect(() => parseRedriveOutput('done')).toThrow("enrollment's redrive printed something else");
  });
});
