import { randomUUID } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import { CardProcessorUnavailableError } from '../card-processor/card-processor.js';
import {
  AuthorizationInProgressError,
  CardDeclinedError,
  IdempotencyKeyReusedError,
  PaymentDeadlineExceededError,
  ProcessorUnavailableError,
} from '../domain/payment.errors.js';
import { RecoverPendingPayment } from '../recover-payment/recover-pending-payment.js';
import { InMemoryPaymentsRepository } from '../testing/in-memory-payments.repository.js';
import { ScriptedCardProcessor } from '../testing/scripted-card-processor.js';
import { AuthorizeCommand } from './authorize.command.js';
import { AuthorizeHandler } from './authorize.handler.js';

const orderId = randomUUID();
const command = (key: string, amountMinor = 4900, cardToken = 'tok_visa') =>
  AuthorizeCommand.from({
    idempotencyKey: key,
    orderId,
    learnerId: 'learner-1',
    amount: { amountMinor, currencyCode: 'EUR' },
    cardToken,
  });
const live = () => new AbortController().signal;
const LEASE_MS = 10_000;

let payments: InMemoryPaymentsRepository;
let processor: ScriptedCardProcessor;
let authorize: AuthorizeHandler;
beforeEach(() => {
  payments = new InMemoryPaymentsRepository();
  processor = new ScriptedCardProcessor();
  const recovery = new RecoverPendingPayment(payments, processor, {
    leaseMs: LEASE_MS,
    sweepIntervalMs: 60_000,
  });
  authorize = new AuthorizeHandler(payments, processor, recovery);
});

describe('AuthorizeHandler', () => {
  it('charges once per idempotency key and answers a retry with the first outcome', async () => {
    const first = await authorize.execute(command('key-1'), live());
    const again = await authorize.execute(command('key-1'), live());
    expect(first).toMatchObject({ status: 'AUTHORIZED', amountMinor: 4900, cardLast4: '4242' });
    expect(again.id).toBe(first.id);
    expect(processor.requests).toHaveLength(1);
  });

  it('records a decline and answers it as CardDeclinedError with the reason, also on retry', async () => {
    processor.next = () =>
      Promise.resolve({ approved: false, reason: 'INSUFFICIENT_FUNDS', cardLast4: '0002' });
    await expect(authorize.execute(command('key-2'), live())).rejects.toThrow(CardDeclinedError);
    const retry = authorize.execute(command('key-2'), live());
    await expect(retry).rejects.toMatchObject({ reason: 'INSUFFICIENT_FUNDS' });
    expect(processor.requests).toHaveLength(1);
  });

  it('refuses the same key for a different request', async () => {
    await authorize.execute(command('key-3'), live());
    await expect(authorize.execute(command('key-3', 5900), live())).rejects.toThrow(
      IdempotencyKeyReusedError,
    );
  });

  it('gives up the claim when the processor is unavailable, so the same key may be tried again', async () => {
    processor.next = () => Promise.reject(new CardProcessorUnavailableError());
    await expect(authorize.execute(command('key-4'), live())).rejects.toThrow(
      ProcessorUnavailableError,
    );
    expect(payments.payments.size).toBe(0);
    processor.next = () => Promise.resolve({ approved: true, cardLast4: null });
    await expect(authorize.execute(command('key-4'), live())).resolves.toMatchObject({
      status: 'AUTHORIZED',
    });
  });

  it('claims nothing when the deadline has already passed', async () => {
    const aborted = AbortSignal.abort();
    await expect(authorize.execute(command('key-5'), aborted)).rejects.toThrow(
      PaymentDeadlineExceededError,
    );
    expect(payments.payments.size).toBe(0);
    expect(processor.requests).toHaveLength(0);
  });

  it('answers "in progress" while another call holds the key undecided', async () => {
    await payments.claim(command('key-6').claim);
    await expect(authorize.execute(command('key-6'), live())).rejects.toThrow(
      AuthorizationInProgressError,
    );
    expect(processor.requests).toHaveLength(0);
  });

  it('sends the processor the attempt as its idempotency key', async () => {
    const payment = await authorize.execute(command('key-7'), live());
    expect(processor.requests).toEqual([expect.objectContaining({ idempotencyKey: payment.id })]);
  });

  describe('a retry that finds the claim of an attempt whose process died', () => {
    it('settles it from the processor record with one lookup and no new charge', async () => {
      const { payment: crashed } = await payments.claim(command('key-8').claim);
      payments.age(crashed.id, LEASE_MS + 1);
      processor.outcomes.set(crashed.id, {
        kind: 'decided',
        decision: { approved: true, cardLast4: '4242' },
      });
      const settled = await authorize.execute(command('key-8'), live());
      expect(settled).toMatchObject({ id: crashed.id, status: 'AUTHORIZED' });
      expect(processor.lookups).toEqual([crashed.id]);
      expect(processor.requests).toHaveLength(0);
    });

    it('answers a recovered decline as the decline', async () => {
      const { payment: crashed } = await payments.claim(command('key-9').claim);
      payments.age(crashed.id, LEASE_MS + 1);
      processor.outcomes.set(crashed.id, {
        kind: 'decided',
        decision: { approved: false, reason: 'CARD_EXPIRED', cardLast4: '0069' },
      });
      await expect(authorize.execute(command('key-9'), live())).rejects.toMatchObject({
        reason: 'CARD_EXPIRED',
        paymentId: crashed.id,
      });
      expect(processor.requests).toHaveLength(0);
    });

    it('makes one fresh attempt when the processor never decided the dead one (voided)', async () => {
      const { payment: crashed } = await payments.claim(command('key-10').claim);
      payments.age(crashed.id, LEASE_MS + 1);
      const settled = await authorize.execute(command('key-10'), live());
      expect(settled.status).toBe('AUTHORIZED');
      expect(settled.id).not.toBe(crashed.id);
      expect(processor.lookups).toEqual([crashed.id]);
      expect(processor.requests).toEqual([expect.objectContaining({ idempotencyKey: settled.id })]);
    });

    it('does not look anything up while the lease still runs: in progress', async () => {
      const { payment: live_ } = await payments.claim(command('key-11').claim);
      payments.age(live_.id, LEASE_MS - 1_000);
      await expect(authorize.execute(command('key-11'), live())).rejects.toThrow(
        AuthorizationInProgressError,
      );
      expect(processor.lookups).toHaveLength(0);
    });

    it('refuses another request with the key without recovering anything', async () => {
      const { payment: crashed } = await payments.claim(command('key-12').claim);
      payments.age(crashed.id, LEASE_MS + 1);
      await expect(authorize.execute(command('key-12', 1), live())).rejects.toThrow(
        IdempotencyKeyReusedError,
      );
      expect(processor.lookups).toHaveLength(0);
    });
  });
});
