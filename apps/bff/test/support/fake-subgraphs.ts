import { GraphQLError } from 'graphql';
import type { GraphQLResolverMap } from '@apollo/subgraph';
import type { SubgraphName } from '@shop/contracts';
import { StandInSubgraph, type StandInContext } from './stand-in-subgraph.js';

export const LEARNER_A = '0b7e4a56-6f1c-4d2a-9a8e-3c5d7f9b1a20';
export const LEARNER_B = '5d2f9c1e-8a3b-4e7d-b6c5-1f0a9e8d7c60';

const money = (amountMinor: number) => ({
  amountMinor,
  minorUnits: String(amountMinor),
  currency: 'EUR',
});

/** The revenue of course-30: BIGINT's maximum, as analytics writes it (MinorUnits, a decimal string). */
export const BIG_REVENUE = '9223372036854775807';

export const COURSES = Array.from({ length: 30 }, (_, i) => ({
  id: `course-${i + 1}`,
  slug: `course-${i + 1}`,
  title: `Course ${i + 1}`,
  price: money(1_000 * (i + 1)),
}));

export const ORDERS = [LEARNER_A, LEARNER_B].map((learnerId, i) => ({
  id: `order-${i === 0 ? 'a' : 'b'}`,
  learnerId,
  status: 'COMPLETED',
  total: money(3_000),
  placedAt: '2026-11-21T10:00:00.000Z',
  lines: COURSES.slice(0, 2).map((course) => ({ course, price: course.price })),
  history: [],
  payment: null,
}));

type Order = (typeof ORDERS)[number];

// Identity the way the real checkout subgraph enforces it: from the gateway's token.
function ownOrder(order: Order | undefined, { learnerId }: StandInContext): Order | null {
  if (learnerId === undefined) {
    throw new GraphQLError('Sign in to read orders.', { extensions: { code: 'UNAUTHENTICATED' } });
  }
  if (order === undefined) return null;
  if (order.learnerId !== learnerId) {
    throw new GraphQLError('This order belongs to another learner.', {
      extensions: { code: 'FORBIDDEN' },
    });
  }
  return order;
}

const checkout: GraphQLResolverMap<StandInContext> = {
  Query: {
    courses: (_: unknown, { first }: { first: number }) => ({
      nodes: COURSES.slice(0, first),
      nextCursor: null,
    }),
    course: (_: unknown, { id }: { id: string }) => COURSES.find((c) => c.id === id) ?? null,
    order: (_: unknown, { id }: { id: string }, context: StandInContext) =>
      ownOrder(
        ORDERS.find((o) => o.id === id),
        context,
      ),
    myOrders: (_: unknown, _args: unknown, context: StandInContext) => ({
      nodes: ORDERS.filter((o) => o.learnerId === context.learnerId),
      nextCursor: null,
    }),
  },
  Course: { __resolveReference: ({ id }: { id: string }) => COURSES.find((c) => c.id === id) },
  Order: { __resolveReference: ({ id }: { id: string }) => ORDERS.find((o) => o.id === id) },
};

const enrollment: GraphQLResolverMap<StandInContext> = {
  Course: {
    __resolveReference: ({ id }: { id: string }) => ({
      id,
      seats: { capacity: 10, taken: 4, available: 6 },
    }),
  },
  Order: {
    __resolveReference: ({ id }: { id: string }) => ({
      id,
      enrollments: [{ course: { id: 'course-1' }, enrolledAt: '2026-11-21T10:00:02.000Z' }],
    }),
  },
};

const notification: GraphQLResolverMap<StandInContext> = {
  Order: {
    __resolveReference: ({ id }: { id: string }) => ({
      id,
      receipt: { id: `receipt-${id}`, sentAt: '2026-11-21T10:00:03.000Z', body: 'Thank you.' },
    }),
  },
};

const analytics: GraphQLResolverMap<StandInContext> = {
  Course: {
    __resolveReference: ({ id }: { id: string }) => ({
      id,
      stats: {
        conversions: 3,
        cancellations: 1,
        revenue: id === 'course-30' ? { minorUnits: BIG_REVENUE, currency: 'EUR' } : money(9_000),
      },
    }),
  },
};

const RESOLVERS: Record<SubgraphName, GraphQLResolverMap<StandInContext>> = {
  checkout,
  enrollment,
  notification,
  analytics,
};

export type StandIns = Record<SubgraphName, StandInSubgraph>;

/**
 * The four subgraphs, faked, each on its own free port, verifying the
 * gateway's tokens with `secrets` (the development defaults unless given).
 */
export async function startStandIns(
  secrets: Partial<Record<SubgraphName, string>> = {},
): Promise<StandIns> {
  const [c, e, n, a] = await Promise.all(
    (['checkout', 'enrollment', 'notification', 'analytics'] as const).map((name) =>
      StandInSubgraph.start(name, RESOLVERS[name], secrets[name]),
    ),
  );
  return { checkout: c!, enrollment: e!, notification: n!, analytics: a! };
}

export async function stopStandIns(standIns: StandIns | undefined): Promise<void> {
  await Promise.all(Object.values(standIns ?? {}).map((s) => s.stop()));
}
