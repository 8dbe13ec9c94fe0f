import { currentCorrelationId } from '@shop/tracing';
import { pino, type Logger, type LoggerOptions } from 'pino';

export interface LoggerSettings {
  readonly service: string;
  readonly level: string;
  /** Where the JSON lines go; stdout unless a test wants them. */
  readonly destination?: pino.DestinationStream;
}

// Secrets and personal data never reach a log line, whatever a caller passes.
const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  '*.cardNumber',
  '*.card_number',
  '*.cvc',
  '*.password',
  '*.email',
];

/**
 * The one JSON logger of a service process. Every line carries the service
 * name and, when there is work in progress, its correlation id.
 */
export function createLogger(settings: LoggerSettings): Logger {
  const options: LoggerOptions = {
    level: settings.level,
    base: { service: settings.service },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    messageKey: 'msg',
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    mixin: () => {
      const correlationId = currentCorrelationId();
      return correlationId === undefined ? {} : { correlationId };
    },
  };
  return settings.destination ? pino(options, settings.destination) : pino(options);
}
