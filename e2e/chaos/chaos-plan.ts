/**
 * What a chaos run does: how many purchases of which kinds, and which
 * processes it SIGKILLs when. Two profiles: `short` (CI, under three minutes
 * with the stack's start) and `long` (documented in docs/chaos.md).
 */

/** The demo catalog (apps/checkout/prisma/seed.sql, enrollment's seats). */
export const COURSES = {
  /** 100 seats: the everyday course. */
  roomy: '6f1c8a52-3e1b-4c9d-9a7e-1b2c3d4e5f01',
  /** A single seat: every order after the first is refunded and cancelled. */
  oneSeat: '6f1c8a52-3e1b-4c9d-9a7e-1b2c3d4e5f04',
} as const;

/** A component the run kills: an app, or a broker of the stack. */
export type Target =
  'checkout' | 'payment' | 'enrollment' | 'notification' | 'analytics' | 'bff' | 'kafka' | 'amqp';

/**
 * When a fault fires: after a number of purchases have been started, or as
 * soon as a crash window is open (a payment between its PENDING claim and the
 * card decision; a checkout holding idempotency keys in flight).
 */
export type Trigger =
  | { readonly after: number }
  | { readonly window: 'payment-mid-authorize' | 'checkout-keys-in-flight' };

export interface Fault {
  readonly target: Target;
  readonly when: Trigger;
}

export interface ChaosPlan {
  readonly name: 'short' | 'long';
  /** Purchases (distinct idempotency keys) placed in all. */
  readonly purchases: number;
  /** How many purchases may be in flight at once. */
  readonly concurrency: number;
  /** Purchases started per second at most: the load lasts as long as the fault schedule. */
  readonly startsPerSecond: number;
  /** Share of purchases through the bff's GraphQL (the rest through REST). */
  readonly graphqlShare: number;
  /** Share of purchases with a declined card. */
  readonly declinedShare: number;
  /** Share of purchases of the one-seat course. */
  readonly oneSeatShare: number;
  /** Share of purchases sent twice at once, with the same key. */
  readonly concurrentDuplicateShare: number;
  /** Every purchase is sent once more with its key after the run settles. */
  readonly replayAll: boolean;
  readonly faults: readonly Fault[];
  /** How long a killed component may take to come back by itself. */
  readonly restartWithinMs: number;
  /** How long one purchase may take to get a definitive answer, retries included. */
  readonly purchaseWithinMs: number;
  /** How long the stack may take to settle once the load ends. */
  readonly settleWithinMs: number;
}

const everyApp: readonly Target[] = [
  'checkout',
  'payment',
  'enrollment',
  'notification',
  'analytics',
  'bff',
];

export const PLANS: Readonly<Record<ChaosPlan['name'], ChaosPlan>> = {
  short: {
    name: 'short',
    purchases: 120,
    concurrency: 8,
    startsPerSecond: 2,
    graphqlShare: 0.3,
    declinedShare: 0.15,
    oneSeatShare: 0.1,
    concurrentDuplicateShare: 0.2,
    replayAll: true,
    faults: [
      { target: 'payment', when: { window: 'payment-mid-authorize' } },
      { target: 'checkout', when: { window: 'checkout-keys-in-flight' } },
      { target: 'enrollment', when: { after: 40 } },
      { target: 'notification', when: { after: 55 } },
      { target: 'kafka', when: { after: 70 } },
      { target: 'analytics', when: { after: 85 } },
      { target: 'amqp', when: { after: 100 } },
    ],
    restartWithinMs: 120_000,
    purchaseWithinMs: 240_000,
    settleWithinMs: 180_000,
  },
  long: {
    name: 'long',
    purchases: 1_600,
    concurrency: 16,
    startsPerSecond: 4,
    graphqlShare: 0.4,
    declinedShare: 0.15,
    oneSeatShare: 0.05,
    concurrentDuplicateShare: 0.25,
    replayAll: true,
    // Four rounds over every app and both brokers, the two crash windows
    // included: 32 SIGKILLs (the outside run that found issue 14 did 24).
    faults: [0, 1, 2, 3].flatMap((round) => {
      const base = 100 + round * 380;
      return [
        { target: 'payment', when: { window: 'payment-mid-authorize' } },
        { target: 'checkout', when: { window: 'checkout-keys-in-flight' } },
        ...[...everyApp.filter((t) => t !== 'checkout' && t !== 'payment'), 'kafka', 'amqp'].map(
          (target, i): Fault => ({ target: target as Target, when: { after: base + i * 50 } }),
        ),
      ];
    }),
    restartWithinMs: 180_000,
    purchaseWithinMs: 600_000,
    settleWithinMs: 600_000,
  },
};
