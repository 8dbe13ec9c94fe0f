import { PROBLEM_CONTENT_TYPE, problemType, type Problem } from '@shop/platform';
import { z } from 'zod';

/** One documented problem type: its slug (the end of `type`), status and title. */
export interface ProblemDoc {
  readonly slug: string;
  readonly status: number;
  readonly title: string;
}

/** The problem a mapping function produced, as documentation. */
export function problemDoc(problem: Problem): ProblemDoc {
  return {
    slug: problem.type.replace(problemType(''), ''),
    status: problem.status,
    title: problem.title,
  };
}

const problemBase = z
  .object({
    type: z.string().describe('Stable URI of the error class; switch on this.'),
    title: z.string().describe('Fixed summary of the type.'),
    status: z.int(),
    detail: z.string().optional().describe('What happened this time.'),
    correlationId: z.string().optional().describe("The request's x-correlation-id, for support."),
  })
  .catchall(z.unknown())
  .meta({ id: 'Problem', description: 'RFC 9457 problem details (application/problem+json).' });

/** A problem+json response whose `type` is one of `problems`. */
export function problemResponse(description: string, problems: readonly ProblemDoc[]) {
  const types = problems.map((p) => problemType(p.slug)) as [string, ...string[]];
  const list = problems.map((p) => `\`${p.slug}\` (${p.title})`).join('; ');
  return {
    description: `${description}: ${list}.`,
    content: {
      [PROBLEM_CONTENT_TYPE]: { schema: problemBase.extend({ type: z.enum(types) }) },
    },
  };
}
