import { projectTestConfig } from '../../vitest.shared.js';

export default projectTestConfig({
  include: ['src/**/*.spec.ts', 'test/**/*.spec.ts'],
  globalSetup: ['test/support/rabbitmq.global-setup.ts'],
  testTimeout: 30_000,
  hookTimeout: 60_000,
});
