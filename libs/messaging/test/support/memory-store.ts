import type { ShopEvent } from '@shop/contracts';
import {
  inMessageTransaction,
  refuse,
  type Refusal,
  type TransactionalClient,
} from '../../src/index.js';
import { HandlerProbe } from './consumer-test.app.js';

type OrderCompleted = ShopEvent<'order.completed.v1'>;

/** What one transaction wrote: inbox ids and effects, applied together at its commit. */
export class MemoryTransaction {
  readonly claimed: string[] = [];
  readonly effects: OrderCompleted[] = [];

  constructor(private readonly store: MemoryStore) {}

  /** The inbox: true the first time an id is seen, here or committed; a duplicate is counted. */
  claim(id: string): boolean {
    if (this.store.inbox.has(id) || this.claimed.includes(id)) {
      this.store.duplicates++;
      return false;
    }
    this.claimed.push(id);
    return true;
  }
}

/**
 * A database in memory with Prisma's `$transaction(fn)` shape: what `fn`
 * wrote is applied at once when it resolves, dropped when it throws. Counts
 * commits, so a test sees how many transactions the consumer used.
 */
export class MemoryStore implements TransactionalClient<MemoryTransaction> {
  readonly inbox = new Set<string>();
  readonly effects: OrderCompleted[] = [];
  commits = 0;
  duplicates = 0;
  /** The next commits apply, then fail as a lost reply would: done, but the caller hears an error. */
  lostCommitReplies = 0;

  async $transaction<R>(work: (tx: MemoryTransaction) => Promise<R>): Promise<R> {
    const tx = new MemoryTransaction(this);
    const result = await work(tx);
    await Promise.resolve(); // the round trip of COMMIT
    for (const id of tx.claimed) this.inbox.add(id);
    this.effects.push(...tx.effects);
    this.commits++;
    if (this.lostCommitReplies > 0) {
      this.lostCommitReplies--;
      throw new Error('Connection terminated after COMMIT was sent');
    }
    return result;
  }

  effectsOf(id: string): number {
    return this.effects.filter((effect) => effect.id === id).length;
  }
}

/** A use case on the memory store: claim the event in the inbox, record it; refusals as the probe's. */
export class StoreProbe extends HandlerProbe {
  private readonly contradicting = new Set<string>();

  constructor(readonly store: MemoryStore) {
    super();
  }

  contradicts(id: string): void {
    this.contradicting.add(id);
  }

  override async handle(event: OrderCompleted): Promise<Refusal | undefined> {
    if (this.contradicting.has(event.id))
      return refuse('CONTRADICTION', `event ${event.id} contradicts`);
    await inMessageTransaction(this.store, (tx) => {
      if (tx.claim(event.id)) tx.effects.push(event);
      return Promise.resolve();
    });
    return undefined;
  }
}
