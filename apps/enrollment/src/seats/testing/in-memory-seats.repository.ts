import { randomUUID } from 'node:crypto';
import type { NewOutboxMessage } from '@shop/outbox';
import type { Enrollment } from '../domain/enrollment.js';
import type { CourseSeatCount } from '../domain/seat-allocation.js';
import { SeatsRepository, type SeatsTransaction } from '../seats.repository.js';

interface State {
  readonly seats: Map<string, CourseSeatCount>;
  readonly enrollments: Enrollment[];
  readonly claimed: Set<string>;
  readonly outbox: NewOutboxMessage[];
}

const copy = (s: State): State => ({
  seats: new Map(s.seats),
  enrollments: [...s.enrollments],
  claimed: new Set(s.claimed),
  outbox: [...s.outbox],
});

/** The repository port in memory: a transaction works on a copy that replaces the state only when it succeeds. */
export class InMemorySeatsRepository extends SeatsRepository {
  state: State = { seats: new Map(), enrollments: [], claimed: new Set(), outbox: [] };

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
    lockOrder: (orderId) => Promise.resolve(draft.enrollments.filter((e) => e.orderId === orderId)),
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
    publish: (message) => {
      draft.outbox.push(message);
      return Promise.resolve();
    },
  };
}
