// The limits both brokers of the differential suite run with: RabbitMQ's
// names and meaning, smaller than the defaults so a scenario reaches them fast.
export const SHARED_BROKER_LIMITS = {
  handshakeTimeoutMs: 3000,
  maxMessageSize: 2 * 1024 * 1024,
} as const;
