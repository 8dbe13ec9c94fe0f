import { projectTestConfig } from '../../vitest.shared.js';

// Unit specs live next to the code; the kafkajs/Nest compatibility suite in test/.
export default projectTestConfig({ testTimeout: 60_000, hookTimeout: 30_000 });
