/** The resource limits of one broker; names and defaults follow RabbitMQ's settings. */
export interface BrokerLimits {
  /** A connection not open this long after accepting it is closed unanswered (`handshake_timeout`). */
  readonly handshakeTimeoutMs: number;
  /** A larger message is refused with channel error 406 (`max_message_size`). */
  readonly maxMessageSize: number;
  /** Unfinished publishes of one connection may announce at most this many body bytes in all. */
  readonly maxBufferedContentBytes: number;
}

export const DEFAULT_HANDSHAKE_TIMEOUT_MS = 10_000;
export const DEFAULT_MAX_MESSAGE_SIZE = 128 * 1024 * 1024;

export function brokerLimits(options: Partial<BrokerLimits>): BrokerLimits {
  const maxMessageSize = options.maxMessageSize ?? DEFAULT_MAX_MESSAGE_SIZE;
  return {
    handshakeTimeoutMs: options.handshakeTimeoutMs ?? DEFAULT_HANDSHAKE_TIMEOUT_MS,
    maxMessageSize,
    // One maximal message in flight per connection, unless told otherwise.
    maxBufferedContentBytes: options.maxBufferedContentBytes ?? maxMessageSize,
  };
}
