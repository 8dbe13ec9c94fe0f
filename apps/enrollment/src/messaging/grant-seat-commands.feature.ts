import { DevFaults, SERVICE_LOGGER, type ServiceFeature } from '@shop/platform';
import type { EnrollmentConfig } from '../config.js';
import type { ServiceLogger } from '../service-logger.js';
import { AmqpCommandServer } from './amqp-command.server.js';
import { COMMAND_FAULTS, COMMAND_RETRY_PLAN, CommandConsumer } from './command-consumer.js';

/**
 * The grant-seat command queue as a transport, for `ServiceModule.forRoot({
 * features })`: `CommandConsumer` for the handlers, the AMQP server Nest
 * connects, and "connected and consuming" in readiness.
 */
export function grantSeatCommands(config: EnrollmentConfig): ServiceFeature {
  const retry = {
    maxAttempts: config.GRANT_SEAT_MAX_ATTEMPTS,
    delaysMs: config.GRANT_SEAT_RETRY_DELAYS_MS,
  };
  return {
    providers: [
      { provide: COMMAND_RETRY_PLAN, useValue: retry },
      // Development only: the stack's fault API writes this file (docs/drills.md).
      { provide: COMMAND_FAULTS, useValue: new DevFaults(config.DEV_FAULTS_FILE) },
      CommandConsumer,
      {
        provide: AmqpCommandServer,
        inject: [SERVICE_LOGGER],
        useFactory: (logger: ServiceLogger) =>
          new AmqpCommandServer(
            {
              url: config.AMQP_URL,
              prefetch: config.GRANT_SEAT_PREFETCH,
              retry,
              reconnectDelayMs: 1000,
            },
            logger,
          ),
      },
    ],
    exports: [CommandConsumer],
    readiness: {
      inject: [AmqpCommandServer],
      use: (server: AmqpCommandServer) => ({
        name: 'amqp',
        check: () =>
          server.isConsuming()
            ? Promise.resolve()
            : Promise.reject(new Error('not connected to the AMQP broker')),
      }),
    },
    transport: {
      inject: [AmqpCommandServer],
      use: (server: AmqpCommandServer) => ({ strategy: server }),
    },
  };
}
