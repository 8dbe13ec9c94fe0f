import { Injectable } from '@nestjs/common';
import { batchLoader, groupLoader, type LoadersFactory } from '@shop/subgraph';
import type DataLoader from 'dataloader';
import { EnrollmentReads, type EnrollmentView, type SeatsView } from './enrollment-reads.js';

/** One request's loaders. */
export interface EnrollmentLoaders {
  readonly seatsByCourseId: DataLoader<string, SeatsView | undefined>;
  /** Undefined without a signed-in learner: an order's enrollments are private. */
  readonly enrollmentsByOrderId: DataLoader<string, EnrollmentView[]> | undefined;
}

@Injectable()
export class EnrollmentLoadersFactory implements LoadersFactory<EnrollmentLoaders> {
  constructor(private readonly reads: EnrollmentReads) {}

  forRequest(learnerId: string | undefined): EnrollmentLoaders {
    return {
      seatsByCourseId: batchLoader(
        (ids) => this.reads.seatsOf(ids),
        (seats) => seats.courseId,
      ),
      enrollmentsByOrderId:
        learnerId === undefined
          ? undefined
          : groupLoader(
              (ids) => this.reads.enrollmentsOf(ids, learnerId),
              (enrollment) => enrollment.orderId,
            ),
    };
  }
}
