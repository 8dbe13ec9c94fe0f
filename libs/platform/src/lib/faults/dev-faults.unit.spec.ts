import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DevFaults, InjectedFaultError, type FaultFile } from './dev-faults.js';

describe('DevFaults (the in-app half of the fault API)', () => {
  let dir: string;
  let file: string;
  let now = 1_000_000;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'dev-faults-'));
    file = join(dir, 'payment.json');
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });
  const write = (faults: FaultFile['faults']) => writeFile(file, JSON.stringify({ faults }));

  it('fails a call when an active fault of its target says so, and lifts by itself at its deadline', async () => {
    await write([{ id: 'f1', target: 'payment.authorize', until: now + 1_000, errorRate: 1 }]);
    const faults = new DevFaults(file, () => now);
    await expect(faults.apply('payment.authorize')).rejects.toBeInstanceOf(InjectedFaultError);
    await expect(faults.apply('consumer')).resolves.toBeUndefined();
    now += 1_000;
    await expect(faults.apply('payment.authorize')).resolves.toBeUndefined();
  });

  it('reads the file again when it changes, and takes a missing or half-written file as no fault', async () => {
    const faults = new DevFaults(file, () => now);
    expect(faults.active('consumer')).toEqual([]);
    await write([{ id: 'c1', target: 'consumer', until: now + 60_000, errorRate: 1 }]);
    expect(faults.active('consumer').map((f) => f.id)).toEqual(['c1']);
    await writeFile(file, '{"faults": [');
    expect(faults.active('consumer')).toEqual([]);
    await write([]);
    expect(faults.active('consumer')).toEqual([]);
  });

  it('waits a latency drawn between min and max, and gives up when the caller aborts', async () => {
    await write([
      {
        id: 's1',
        target: 'payment.authorize',
        until: now + 60_000,
        latencyMs: { min: 0, max: 60_000 },
      },
    ]);
    // random() = 0.5 → 30 s: only the abort ends it.
    const faults = new DevFaults(
      file,
      () => now,
      () => 0.5,
    );
    const caller = new AbortController();
    const applied = faults.apply('payment.authorize', caller.signal);
    caller.abort(new Error('deadline'));
    await expect(applied).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('says to deliver messages twice while a duplicate fault acts, and no longer after its deadline', async () => {
    await write([{ id: 'd1', target: 'consumer', until: now + 1_000, duplicate: true }]);
    const faults = new DevFaults(file, () => now);
    expect(faults.duplicates('consumer')).toBe(true);
    expect(faults.duplicates('payment.authorize')).toBe(false);
    await expect(faults.apply('consumer')).resolves.toBeUndefined(); // no latency, no failure
    now += 1_000;
    expect(faults.duplicates('consumer')).toBe(false);
  });

  it('fails after the work, not before it, for a fault that acts after the work', async () => {
    await write([
      { id: 'a1', target: 'consumer', until: now + 1_000, errorRate: 1, afterWork: true },
    ]);
    const faults = new DevFaults(file, () => now);
    await expect(faults.apply('consumer')).resolves.toBeUndefined();
    await expect(faults.apply('consumer', undefined, { phase: 'after' })).rejects.toBeInstanceOf(
      InjectedFaultError,
    );
  });

  it('fails only the first delivery of a message for a first-delivery-only fault', async () => {
    await write([
      { id: 'f1', target: 'consumer', until: now + 1_000, errorRate: 1, firstDeliveryOnly: true },
    ]);
    const faults = new DevFaults(file, () => now);
    await expect(faults.apply('consumer', undefined, { delivery: 1 })).rejects.toBeInstanceOf(
      InjectedFaultError,
    );
    await expect(faults.apply('consumer', undefined, { delivery: 2 })).resolves.toBeUndefined();
  });

  it('does nothing without a fault file', async () => {
    await expect(DevFaults.off().apply('payment.authorize')).resolves.toBeUndefined();
  });
});
