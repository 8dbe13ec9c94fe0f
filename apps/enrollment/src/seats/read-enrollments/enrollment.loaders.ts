import { Injectable } from '@nestjs/common';
import { batchLoader, groupLoader, type LoadersFactory } from '@shop/subgraph';
import type DataLoader from 'dataloader';
import { isUuid } from '@shop/subgraph';
import { SeatsRepository } from '../seats.repository.js';

/** A course's seats as the graph shows them. */
export interface SeatsView {
  readonly courseId: string;
  readonly capacity: number;
  readonly taken: number;
  readonly available: number;
}

/** One seat granted to an order. */
export interface EnrollmentView {
  readonly orderId: string;
  readonly courseId: string;
  readonly enrolledAt: Date;
}

/** One request's loaders. */
export interface EnrollmentLoaders {
  readonly seatsByCourseId: DataLoader<string, SeatsView | undefined>;
  /** Undefined without a signed-in learner: an order's enrollments are private. */
  readonly enrollmentsByOrderId: DataLoader<string, EnrollmentView[]> | undefined;
}

@Injectable()
export class EnrollmentLoadersFactory implements LoadersFactory<EnrollmentLoaders> {
  constructor(private readonly seats: SeatsRepository) {}

  forRequest(learnerId: string | undefined): EnrollmentLoaders {
    return {
      seatsByCourseId: batchLoader(
        (ids) => this.seatsOf(ids),
        (seats) => seats.courseId,
      ),
      enrollmentsByOrderId:
        learnerId === undefined
          ? undefined
          : groupLoader(
              (ids) => this.enrollmentsOf(ids, learnerId),
              (enrollment) => enrollment.orderId,
            ),
    };
  }

  private async seatsOf(courseIds: readonly string[]): Promise<SeatsView[]> {
    const ids = courseIds.filter(isUuid);
    if (ids.length === 0) return [];
    const seats = await this.seats.seatsOf(ids);
    return seats.map(({ courseId, capacity, taken }) => ({
      courseId,
      capacity,
      taken,
      available: Math.max(0, capacity - taken),
    }));
  }

  // Only the learner's own: a representation names an order, the header says who asks.
  private async enrollmentsOf(orderIds: readonly string[], learnerId: string) {
    const ids = orderIds.filter(isUuid);
    if (ids.length === 0) return [];
    const enrollments = await this.seats.enrollmentsOf(ids, learnerId);
    return enrollments.map(({ orderId, courseId, enrolledAt }) => ({
      orderId,
      courseId,
      enrolledAt,
    }));
  }
}
