import { projectTestConfig } from '../../vitest.shared.js';

// Starting a JVM broker on a busy 2-core machine takes tens of seconds.
export default projectTestConfig({ testTimeout: 180_000, hookTimeout: 300_000 });
