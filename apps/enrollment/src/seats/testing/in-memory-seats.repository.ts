import { randomUUID } from 'node:crypto';
import type { NewOutboxMessage } from '@shop/outbox';
import type { Enrollment } from '../domain/enrollment.js';
import type { GrantCancellation } from '../domain/order-grant.js';
import type { CourseSeatCount } from '../domain/seat-allocation.js';
import { SeatsRepository, type SeatsTransaction } from '../seats.repository.js';

interface State {
  readonly seats: Map<string, CourseSeatCount>;
  readonly enrollments: Enrollment[];
  readonly cancellations: Map<string, GrantCancellation>;
  readonly claimed: Set<string>;
  readonly outbox: NewOutboxMessage[];
}

const copy = (s: State): State => ({
  seats: new Map(s.seats),
  enrollments: [...s.enrollments],
  cancellations: new Map(s.cancellations),
  claimed: new Set(s.claimed),
  outbox: [...s.outbox],
});

/** The repository port in memory: a transaction works on a copy that replaces the state only when it succeeds. */
export class InMemorySeatsRepository extends SeatsRepository {
  state: State = {
    seats: new Map(),
    enrollments: [],
    cancellations: new Map(),
    claimed: new Set(),
    outbox: [],
  };

  constructor(capacities: Readonly<Record<string, number>> = {}) {
    super();
    for (const [courseId, capacity] of Object.entries(capacities)) {
      this.state.seats.set(courseId, { courseId, capacity, taken: 0 });
    }
  }

  async inTransaction<T>(work: (tx: SeatsTransaction) => Promise<T>): Promise<T> {
    const draft = copy(this.state);
    const result = await work(transactionOn(draft));
    this.state = draft;
    return result;
  }

  seatsOf(courseIds: readonly string[]): Promise<CourseSeatCount[]> {
    return Promise.resolve(courseIds.flatMap((id) => this.state.seats.get(id) ?? []));
  }

  enrollmentsOf(orderIds: readonly string[], learnerId: string): Promise<Enrollment[]> {
    return Promise.resolve(
      this.state.enrollments.filter(
        (e) => orderIds.includes(e.orderId) && e.learnerId === learnerId,
      ),
    );
  }
}

function transactionOn(draft: State): SeatsTransaction {
  return {
    claimCommand: (commandId) => {
      const first = !draft.claimed.has(commandId);
      draft.claimed.add(commandId);
      return Promise.resolve(first);
    },
    lockOrder: (orderId) =>
      Promise.resolve({
        enrollments: draft.enrollments.filter((e) => e.orderId === orderId),
        cancellation: draft.cancellations.get(orderId),
      }),
    lockSeats: (courseIds) =>
      Promise.resolve([...courseIds].sort().flatMap((id) => draft.seats.get(id) ?? [])),
    takeSeats: (order, courseIds) => {
      const taken = courseIds.map((courseId) => {
        const seats = draft.seats.get(courseId);
        if (!seats) throw new Error(`no seats row for course ${courseId}`);
        draft.seats.set(courseId, { ...seats, taken: seats.taken + 1 });
        const enrollment = { id: randomUUID(), ...order, courseId, enrolledAt: new Date() };
        draft.enrollments.push(enrollment);
        return enrollment;
      });
      return Promise.resolve(taken);
    },
    releaseSeats: (enrollments) => {
      for (const { id, courseId } of enrollments) {
        const at = draft.enrollments.findIndex((e) => e.id === id);
        if (at < 0) throw new Error(`no enrollment ${id}`);
        draft.enrollments.splice(at, 1);
        const seats = draft.seats.get(courseId);
        if (seats) draft.seats.set(courseId, { ...seats, taken: seats.taken - 1 });
      }
      return Promise.resolve();
    },
    recordCancellation: (cancellation) => {
      if (draft.cancellations.has(cancellation.orderId))
        throw new Error(`order ${cancellation.orderId} is already cancelled`);
      draft.cancellations.set(cancellation.orderId, cancellation);
      return Promise.resolve();
    },
    publish: (message) => {
      draft.outbox.push(message);
      return Promise.resolve();
    },
  };
}
