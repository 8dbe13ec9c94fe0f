import { randomUUID } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import { CardProcessorUnavailableError } from '../card-processor/card-processor.js';
import { InMemoryPaymentsRepository } from '../testing/in-memory-payments.repository.js';
import { ScriptedCardProcessor } from '../testing/scripted-card-processor.js';
import { RecoverPendingPayment } from './recover-pending-payment.js';

const LEASE_MS = 5_000;
const claim = (key: string) => ({
  idempotencyKey: key,
  orderId: randomUUID(),
  learnerId: 'learner-1',
  amountMinor: 4900,
  currency: 'EUR',
  requestFingerprint: 'f'.repeat(64),
});

let payments: InMemoryPaymentsRepository;
let processor: ScriptedCardProcessor;
let recovery: RecoverPendingPayment;
beforeEach(() => {
  payments = new InMemoryPaymentsRepository();
  processor = new ScriptedCardProcessor();
  recovery = new RecoverPendingPayment(payments, processor, {
    leaseMs: LEASE_MS,
    sweepIntervalMs: 1_000,
  });
});

async function deadClaim(key: string) {
  const { payment } = await payments.claim(claim(key));
  payments.age(payment.id, LEASE_MS + 1);
  return payment;
}

describe('RecoverPendingPayment', () => {
  it('sweeps every stale claim: settled from the processor record, or released when voided', async () => {
    const charged = await deadClaim('charged');
    const voided = await deadClaim('never-decided');
    const { payment: alive } = await payments.claim(claim('alive'));
    processor.outcomes.set(charged.id, {
      kind: 'decided',
      decision: { approved: true, cardLast4: '4242' },
    });
    expect(await recovery.sweep()).toEqual({ recovered: 2, failed: 0 });
    expect(payments.payments.get(charged.id)?.status).toBe('AUTHORIZED');
    expect(payments.payments.has(voided.id)).toBe(false);
    expect(payments.payments.get(alive.id)?.status).toBe('PENDING');
    expect(processor.lookups.sort()).toEqual([charged.id, voided.id].sort());
  });

  it('lets one of two concurrent recoverers ask the processor; the other is told busy', async () => {
    const dead = await deadClaim('raced');
    const results = await Promise.all([recovery.execute(dead), recovery.execute(dead)]);
    expect(results.map((r) => r.kind).sort()).toEqual(['busy', 'released']);
    expect(processor.lookups).toEqual([dead.id]);
  });

  it('leaves the claim PENDING, with a renewed lease, when the processor cannot be asked', async () => {
    const dead = await deadClaim('processor-down');
    processor.resolve = () => Promise.reject(new CardProcessorUnavailableError());
    await expect(recovery.execute(dead)).rejects.toThrow(CardProcessorUnavailableError);
    payments.age(dead.id, LEASE_MS + 1);
    expect(await recovery.sweep()).toEqual({ recovered: 0, failed: 1 });
    const after = payments.payments.get(dead.id);
    expect(after?.status).toBe('PENDING');
    expect(after && recovery.isStale(after)).toBe(false);
  });
});
