import { projectTestConfig } from '../../vitest.shared.js';

// The real RabbitMQ (when present) starts once, for the integration tier only.
export default projectTestConfig({
  globalSetup: ['test/support/rabbitmq.global-setup.ts'],
  testTimeout: 30_000,
  hookTimeout: 60_000,
});
