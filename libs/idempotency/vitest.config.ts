import { projectTestConfig } from '../../vitest.shared.js';

// Each test file starts its own PostgreSQL; initdb takes seconds on a busy 2-core machine.
export default projectTestConfig({ testTimeout: 30_000, hookTimeout: 60_000 });
