import { e2eTestConfig } from '../vitest.shared.js';
import { TraceTestLastSequencer } from './support/trace-test-last.sequencer.js';

// One stack for every e2e file (started in global setup); files run one at a
// time because they share it.
export default e2eTestConfig({
  include: ['src/**/*.e2e.ts'],
  globalSetup: ['support/global-setup.ts'],
  fileParallelism: false,
  sequence: { sequencer: TraceTestLastSequencer },
  // Above the async bound of support/flow.ts (60 s): a wait that runs out
  // reports its condition, not a test timeout.
  testTimeout: 120_000,
  hookTimeout: 120_000,
});
