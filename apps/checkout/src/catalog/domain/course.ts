/** A course on sale, as the catalog shows it. Prices are integer minor units (cents). */
export interface Course {
  readonly id: string;
  readonly slug: string;
  readonly title: string;
  /** What a learner reads before buying (plain text). */
  readonly description: string;
  readonly price: { readonly amountMinor: number; readonly currency: string };
  readonly capacityHint: number;
}

export class CourseNotFoundError extends Error {
  readonly code = 'COURSE_NOT_FOUND';
  constructor(readonly courseId: string) {
    super(`no course with id ${courseId}`);
  }
}
