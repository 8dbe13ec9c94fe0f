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

let payments: InMemoryPaymentsRepository;
let processor: ScriptedCardProcessor;
let authorize: AuthorizeHandler;
beforeEach(() => {
  payments = new InMemoryPaymentsRepository();
  processor = new ScriptedCardProcessor();
  authorize = new AuthorizeHandler(payments, processor);
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
});
