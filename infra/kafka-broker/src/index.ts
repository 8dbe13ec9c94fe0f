export { start, type RunningBroker } from './broker.js';
export type { BrokerOptions } from './broker-options.js';
export type { LogFormat, LogLevel, Logger } from './logger.js';
