import { projectTestConfig } from '../../vitest.shared.js';

// Each test file starts its own PostgreSQL (and a broker); initdb takes seconds on a busy 2-core machine.
export default projectTestConfig({ testTimeout: 60_000, hookTimeout: 90_000 });
