/**
 * An RFC 9457 problem detail. `type` is a stable URI per error class that
 * clients may switch on; `title` is its fixed human summary; `detail` explains
 * this occurrence. Extra members (e.g. `errors`, `correlationId`) are allowed.
 */
export interface Problem {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail?: string;
  readonly [extension: string]: unknown;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** The stable type URI of a problem slug, e.g. `problemType('course-not-found')`. */
export function problemType(slug: string): string {
  return `https://course-shop.example/problems/${slug}`;
}

/** Throw to answer with exactly this problem. */
export class ProblemException extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail ?? problem.title);
    this.name = 'ProblemException';
  }
}
