import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * Vitest's own order, except that `trace.e2e.ts` runs last: it scans every
 * span the whole suite exported (outages, declines, poison messages included)
 * for card data and personal data.
 */
export class TraceTestLastSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const isTraceTest = (file: TestSpecification) => file.moduleId.endsWith('/trace.e2e.ts');
    return [...sorted.filter((f) => !isTraceTest(f)), ...sorted.filter(isTraceTest)];
  }
}
