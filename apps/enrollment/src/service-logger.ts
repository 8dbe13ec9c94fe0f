import type { createLogger } from '@shop/platform';

/** The service's pino logger, as `createLogger` makes it. */
export type ServiceLogger = ReturnType<typeof createLogger>;
