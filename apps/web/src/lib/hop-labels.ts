// How the purchase timeline names a hop — in words, and by its intent,
// transport, mode and outcome — and what each label means (the legend).

import type {
  HopIntent,
  HopMode,
  HopOutcome,
  HopTransport,
  TimelineHop,
} from './purchase-timeline';

/** How a hop or a status change ended: the page colours it *and* words it. */
export type Tone = 'ok' | 'failed' | 'retried' | 'parked' | 'waiting';

export interface Label {
  /** For class names: `hop-badge--command`. */
  readonly key: string;
  readonly label: string;
  readonly meaning: string;
}

export interface OutcomeLabel extends Label {
  readonly tone: Tone;
  /** Shown next to the word, so colour is never the only cue. */
  readonly icon: string;
}

export const INTENTS: Readonly<Record<HopIntent, Label>> = {
  QUERY: { key: 'query', label: 'query', meaning: 'asks, and changes nothing' },
  COMMAND: { key: 'command', label: 'command', meaning: 'asks one owner to change something' },
  EVENT: { key: 'event', label: 'event', meaning: 'announces a fact; anyone may listen' },
  WRITE: {
    key: 'write',
    label: 'outbox write',
    meaning: 'a message stored in the sender’s own database, in the transaction of its change',
  },
};

export const TRANSPORTS: Readonly<Record<HopTransport, Label>> = {
  HTTP: { key: 'http', label: 'HTTP (REST)', meaning: 'a request to a REST endpoint' },
  GRAPHQL: { key: 'graphql', label: 'GraphQL', meaning: 'a GraphQL operation over HTTP' },
  GRPC: { key: 'grpc', label: 'gRPC', meaning: 'a remote call with a deadline, over HTTP/2' },
  AMQP: { key: 'amqp', label: 'AMQP (RabbitMQ)', meaning: 'a message on a queue with one owner' },
  KAFKA: {
    key: 'kafka',
    label: 'Kafka',
    meaning: 'a record on a topic; every consumer group reads it',
  },
  OUTBOX: {
    key: 'outbox',
    label: 'SQL outbox',
    meaning: 'a row in a table, which a relay then sends',
  },
};

export const MODES: Readonly<Record<HopMode, Label>> = {
  SYNC: { key: 'sync', label: 'sync', meaning: 'the caller waited for the answer' },
  ASYNC: { key: 'async', label: 'async', meaning: 'a message: the sender went on without waiting' },
};

export const OUTCOMES: Readonly<Record<HopOutcome, OutcomeLabel>> = {
  OK: { key: 'ok', tone: 'ok', icon: '✓', label: 'ok', meaning: 'done' },
  ERROR: { key: 'error', tone: 'failed', icon: '✕', label: 'error', meaning: 'it failed' },
  DECLINED: {
    key: 'declined',
    tone: 'failed',
    icon: '✕',
    label: 'declined',
    meaning: 'the callee answered a definite no (a declined card)',
  },
  REJECTED: {
    key: 'rejected',
    tone: 'failed',
    icon: '⊘',
    label: 'rejected',
    meaning: 'refused as invalid or not allowed',
  },
  RETRIED: {
    key: 'retried',
    tone: 'retried',
    icon: '↻',
    label: 'retried',
    meaning: 'this attempt failed and a later one was made',
  },
  DEAD_LETTERED: {
    key: 'dead-lettered',
    tone: 'parked',
    icon: '⚠',
    label: 'dead-lettered',
    meaning: 'parked in the dead-letter queue with its reason, to be redriven',
  },
  IN_PROGRESS: {
    key: 'in-progress',
    tone: 'waiting',
    icon: '…',
    label: 'in progress',
    meaning: 'not finished yet',
  },
};

const RELAY = /^relay publishes (.+)$/;
const OUTBOX_WRITE = /^outbox write (.+)$/;
const DELIVERY = /^(.+) → (.+)$/;

/** The hop in a sentence a learner reads, from its fields and the step names the timeline gives. */
export function hopTitle(hop: TimelineHop): string {
  const { service, caller, step } = hop;
  switch (hop.transport) {
    case 'GRAPHQL':
      return caller
        ? `${service} answers ${caller}’s GraphQL ${step}`
        : `${service} receives the GraphQL ${step}`;
    case 'HTTP':
      return caller
        ? `${service} answers ${caller}’s request ${step}`
        : `${service} receives the request ${step}`;
    case 'GRPC': {
      const method = step.slice(step.lastIndexOf('.') + 1);
      return `${caller ?? 'a client'} calls ${service} (${method}) and waits for the answer`;
    }
    case 'OUTBOX':
      return `${service} stores ${OUTBOX_WRITE.exec(step)?.[1] ?? step} in its outbox`;
    case 'AMQP':
    case 'KAFKA':
      return messageTitle(hop);
    default:
      return hop.transport satisfies never;
  }
}

function messageTitle(hop: TimelineHop): string {
  const kind = hop.intent === 'COMMAND' ? 'command' : 'event';
  const relayed = RELAY.exec(hop.step)?.[1];
  if (relayed !== undefined)
    return hop.transport === 'AMQP'
      ? `${hop.service}’s outbox relay sends the ${kind} ${relayed} to RabbitMQ`
      : `${hop.service}’s outbox relay publishes the ${kind} ${relayed} to Kafka`;
  const delivered = DELIVERY.exec(hop.step)?.[1];
  if (delivered !== undefined)
    return hop.transport === 'AMQP'
      ? `${hop.service} takes the ${kind} ${delivered} from its queue`
      : `${hop.service} consumes the ${kind} ${delivered}`;
  return `${hop.service}: ${hop.step}`;
}

/** "0.4 ms", "45.5 ms", "132 ms", "15.2 s". */
export function formatMs(ms: number): string {
  if (Math.abs(ms) >= 1000) return `${(ms / 1000).toFixed(1)} s`;
  if (Math.abs(ms) >= 100) return `${Math.round(ms)} ms`;
  return `${(Math.round(ms * 10) / 10).toString()} ms`;
}
