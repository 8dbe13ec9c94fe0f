import { describe, expect, it } from 'vitest';
import { InMemoryProcessorLedger } from '../testing/in-memory-processor-ledger.js';
import { CardProcessorUnavailableError } from './card-processor.js';
import { SimulatedCardProcessor } from './simulated-card-processor.js';

const live = () => new AbortController().signal;
const request = (idempotencyKey: string, cardToken = 'tok_visa') => ({
  idempotencyKey,
  cardToken,
  amountMinor: 4900,
  currency: 'EUR',
});

function processor() {
  const ledger = new InMemoryProcessorLedger();
  const sut = new SimulatedCardProcessor(
    { latencyMs: 0, slowLatencyMs: 0, failureRate: 0 },
    ledger,
  );
  return { sut, ledger };
}

describe('SimulatedCardProcessor', () => {
  it('keeps a record per key and answers a repeated key from it, charging once', async () => {
    const { sut, ledger } = processor();
    const first = await sut.authorize(request('attempt-1'), live());
    const again = await sut.authorize(request('attempt-1', 'tok_declined'), live());
    expect(again).toEqual(first);
    expect(ledger.records.size).toBe(1);
  });

  it('tells what became of a decided key', async () => {
    const { sut } = processor();
    await sut.authorize(request('attempt-2', 'tok_insufficient_funds'), live());
    await expect(sut.resolve('attempt-2')).resolves.toEqual({
      kind: 'decided',
      decision: { approved: false, reason: 'INSUFFICIENT_FUNDS', cardLast4: '9995' },
    });
  });

  it('voids a key asked about before it was decided, so a late decision cannot charge it', async () => {
    const { sut } = processor();
    await expect(sut.resolve('attempt-3')).resolves.toEqual({ kind: 'voided' });
    await expect(sut.authorize(request('attempt-3'), live())).rejects.toThrow(
      CardProcessorUnavailableError,
    );
    await expect(sut.resolve('attempt-3')).resolves.toEqual({ kind: 'voided' });
  });
});
