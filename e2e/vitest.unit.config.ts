import { e2eTestConfig } from '../vitest.shared.js';

// The pure helpers of the bench, chaos and support scripts, tested without a
// stack (the unit tier: docs/adr/0020-three-test-tiers.md).
export default e2eTestConfig({
  include: ['bench/**/*.unit.spec.ts', 'chaos/**/*.unit.spec.ts', 'support/**/*.unit.spec.ts'],
  testTimeout: 30_000,
});
