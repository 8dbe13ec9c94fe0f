import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * What `inMessageTransaction` needs of a database client: Prisma's interactive
 * `$transaction(fn, options)`. Any client with that shape fits.
 */
export interface TransactionalClient<Tx> {
  $transaction<R>(
    work: (tx: Tx) => Promise<R>,
    options?: { maxWait?: number; timeout?: number },
  ): Promise<R>;
}

/** Why a batch was given up: it is handled again, one message per transaction. */
export interface BatchAbandonment {
  readonly offset: string;
  readonly why: string;
}

// Longest a batch's transaction may stay open (Prisma's default, 5 s, is for
// one request; a batch of many messages on a busy machine can take longer).
const BATCH_TRANSACTION_TIMEOUT_MS = 60_000;

class Rollback extends Error {
  constructor() {
    super('the message batch was abandoned; rolling its transaction back');
    this.name = 'Rollback';
  }
}

/**
 * One interactive transaction held open across the messages of a batch: the
 * first message that writes opens it, the others join it, and the batch
 * commits (or rolls back) it once, at the end.
 */
class HeldTransaction {
  readonly tx: Promise<unknown>;
  private readonly settled: Promise<void>;
  private decide: (commit: boolean) => void = () => undefined;

  constructor(client: TransactionalClient<unknown>) {
    const decision = new Promise<boolean>((resolve) => {
      this.decide = resolve;
    });
    let opened: (tx: unknown) => void = () => undefined;
    const tx = new Promise<unknown>((resolve) => {
      opened = resolve;
    });
    this.settled = client.$transaction(
      async (transaction) => {
        opened(transaction);
        if (!(await decision)) throw new Rollback();
      },
      { timeout: BATCH_TRANSACTION_TIMEOUT_MS },
    );
    // The transaction may fail to open at all (no connection): then no tx comes.
    this.tx = Promise.race([tx, this.settled.then(() => tx)]);
    this.settled.catch(() => undefined);
  }

  async commit(): Promise<void> {
    this.decide(true);
    await this.settled;
  }

  async rollback(): Promise<void> {
    this.decide(false);
    await this.settled.catch((error: unknown) => {
      if (!(error instanceof Rollback)) throw error;
    });
  }
}

/**
 * The messages of one partition handled together: every client's writes go
 * into one transaction per client, committed once after the last message.
 * Any message that cannot be handled in it (invalid, refused, failing) marks
 * the batch abandoned: its transaction rolls back and the caller handles the
 * messages again one by one, with the usual retries and dead letters.
 */
export class MessageBatch {
  private readonly held = new Map<object, HeldTransaction>();
  private readonly afterCommit: (() => void)[] = [];
  private abandonment: BatchAbandonment | undefined;
  private offset = '';

  /** Why the batch was given up, if it was. */
  get abandoned(): BatchAbandonment | undefined {
    return this.abandonment;
  }

  /** The message now being handled (by its offset), for the reason of an abandonment. */
  at(offset: string): void {
    this.offset = offset;
  }

  /** Gives the batch up (the first reason is kept); its work will be rolled back. */
  abandon(why: string): void {
    this.abandonment ??= { offset: this.offset, why };
  }

  /** Runs `effect` once the batch has committed (logs, metrics of what it did). */
  onCommit(effect: () => void): void {
    this.afterCommit.push(effect);
  }

  /** The batch's transaction on `client`, opened on first use. */
  transactionOn<Tx>(client: TransactionalClient<Tx>): Promise<Tx> {
    let held = this.held.get(client);
    if (!held) {
      held = new HeldTransaction(client);
      this.held.set(client, held);
    }
    return held.tx as Promise<Tx>;
  }

  /** Commits every transaction the batch opened, then runs the `onCommit` effects. */
  async commit(): Promise<void> {
    for (const held of this.held.values()) await held.commit();
    this.held.clear();
    for (const effect of this.afterCommit.splice(0)) effect();
  }

  /** Rolls back every transaction the batch opened; nothing it did remains. */
  async rollback(): Promise<void> {
    this.afterCommit.length = 0;
    const all = [...this.held.values()];
    this.held.clear();
    await Promise.allSettled(all.map((held) => held.rollback()));
  }
}

const current = new AsyncLocalStorage<MessageBatch>();

/** Runs `work` as part of `batch`: `inMessageTransaction` inside it joins the batch's transaction. */
export function withinBatch<T>(batch: MessageBatch, work: () => Promise<T>): Promise<T> {
  return current.run(batch, work);
}

/** The batch the current message is handled in, if any. */
export function currentBatch(): MessageBatch | undefined {
  return current.getStore();
}

/**
 * A consumer's unit of work: the inbox claim and the effect of a message (and
 * any outbox row it writes) in one transaction. Handled alone, the message
 * gets a transaction of its own (`client.$transaction(work)`); handled in a
 * batch, it joins the batch's transaction, which commits once for all of
 * them — the inbox claim still commits with its effect, or neither does.
 *
 * @example
 * return inMessageTransaction(this.prisma, async (tx) => {
 *   if (!(await inbox.claim(tx, event.id))) return false;
 *   await tx.receipt.create({ data: receipt });
 *   return true;
 * });
 */
export async function inMessageTransaction<Tx, T>(
  client: TransactionalClient<Tx>,
  work: (tx: Tx) => Promise<T>,
): Promise<T> {
  const batch = currentBatch();
  if (!batch) return client.$transaction(work);
  try {
    return await work(await batch.transactionOn(client));
  } catch (error) {
    // Alone, the throw would roll this message's writes back; in a batch
    // (no savepoint per message) the whole batch goes, and is handled again one by one.
    batch.abandon(
      `its transaction failed: ${error instanceof Error ? error.message : String(error)}`,
    );
    throw error;
  }
}

/**
 * Reads for a message's handler: inside a batch, through the batch's
 * transaction, so a message sees what earlier messages of its batch wrote
 * (per-key order: the second event of an order sees the first one's effect);
 * alone, on the client itself.
 */
export async function messageReader<Tx, T>(
  client: TransactionalClient<Tx> & Tx,
  read: (db: Tx) => Promise<T>,
): Promise<T> {
  const batch = currentBatch();
  if (!batch) return read(client);
  return read(await batch.transactionOn(client));
}
