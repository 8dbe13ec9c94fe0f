import { projectTestConfig } from '../../vitest.shared.js';

// Unit specs live next to the code; the differential kafkajs/Nest suite and the
// embedded-only specs in test/compat. One real Kafka per run (global setup).
// Timeouts hold on a loaded 2-core machine, where a scenario runs twice.
export default projectTestConfig({
  globalSetup: ['test/support/real-kafka.global-setup.ts'],
  testTimeout: 120_000,
  hookTimeout: 120_000,
});
