import { projectTestConfig } from '../../vitest.shared.js';

// Building images and starting containers on a busy 2-core machine takes
// minutes; one stand-in at a time.
export default projectTestConfig({
  testTimeout: 300_000,
  hookTimeout: 600_000,
  fileParallelism: false,
});
