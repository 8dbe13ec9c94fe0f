import { e2eTestConfig } from '../vitest.shared.js';

// The web app in a real browser (Debian's Chromium through playwright-core)
// against one stack on the stand-ins, started in global setup.
export default e2eTestConfig({
  include: ['browser/**/*.browser.ts'],
  globalSetup: ['browser/support/browser-global-setup.ts'],
  fileParallelism: false,
  testTimeout: 120_000,
  hookTimeout: 120_000,
});
