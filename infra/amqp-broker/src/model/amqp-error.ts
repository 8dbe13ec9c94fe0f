/** AMQP reply codes the broker uses. */
export const ReplyCode = {
  noRoute: 312,
  connectionForced: 320,
  accessRefused: 403,
  notFound: 404,
  resourceLocked: 405,
  preconditionFailed: 406,
  frameError: 501,
  resourceError: 506,
  syntaxError: 502,
  commandInvalid: 503,
  channelError: 504,
  unexpectedFrame: 505,
  notAllowed: 530,
  notImplemented: 540,
  internalError: 541,
} as const;

const replyNames = new Map<number, string>([
  [312, 'NO_ROUTE'],
  [320, 'CONNECTION_FORCED'],
  [403, 'ACCESS_REFUSED'],
  [404, 'NOT_FOUND'],
  [405, 'RESOURCE_LOCKED'],
  [406, 'PRECONDITION_FAILED'],
  [501, 'FRAME_ERROR'],
  [506, 'RESOURCE_ERROR'],
  [502, 'SYNTAX_ERROR'],
  [503, 'COMMAND_INVALID'],
  [504, 'CHANNEL_ERROR'],
  [505, 'UNEXPECTED_FRAME'],
  [530, 'NOT_ALLOWED'],
  [540, 'NOT_IMPLEMENTED'],
  [541, 'INTERNAL_ERROR'],
]);

// Soft errors close the channel; every other code closes the connection.
const channelCodes = new Set<number>([403, 404, 405, 406]);

/**
 * A protocol error raised while handling a method. The channel fills in the
 * class and method ids of the method it was handling.
 */
export class AmqpError extends Error {
  readonly replyText: string;

  constructor(
    readonly code: number,
    detail: string,
    readonly scope: 'channel' | 'connection' = channelCodes.has(code) ? 'channel' : 'connection',
  ) {
    const text = `${replyNames.get(code) ?? 'ERROR'} - ${detail}`;
    super(text);
    this.replyText = text.slice(0, 255);
  }
}

export const notFound = (what: string): AmqpError =>
  new AmqpError(ReplyCode.notFound, `no ${what} in vhost '/'`);
export const precondition = (detail: string): AmqpError =>
  new AmqpError(ReplyCode.preconditionFailed, detail);
export const accessRefused = (detail: string): AmqpError =>
  new AmqpError(ReplyCode.accessRefused, detail);
export const notImplemented = (detail: string): AmqpError =>
  new AmqpError(ReplyCode.notImplemented, detail);
