import { projectTestConfig } from '../../vitest.shared.js';

export default projectTestConfig({ include: ['src/**/*.spec.ts', 'test/**/*.spec.ts'] });
