import { projectTestConfig } from '../../vitest.shared.js';

// Unit specs only: the app in a real browser against the running stack is
// e2e's browser suite (e2e/browser, e2e/vitest.browser.config.ts).
export default projectTestConfig();
