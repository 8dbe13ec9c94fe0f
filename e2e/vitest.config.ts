import { e2eTestConfig } from '../vitest.shared.js';
import { TraceTestLastSequencer } from './support/trace-test-last.sequencer.js';

// One stack for every e2e file (started in global setup); files run one at a
// time because they share it.
export default e2eTestConfig({
  include: ['src/**/*.e2e.ts'],
  globalSetup: ['support/global-setup.ts'],
  fileParallelism: false,
  sequence: { sequencer: TraceTestLastSequencer },
  testTimeout: 30_000,
  hookTimeout: 120_000,
});
