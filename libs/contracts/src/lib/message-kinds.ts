import type { CancelGrantV1 } from '../generated/events/enrollment.cancel-grant.v1.schema.js';
import type { GrantCancelledV1 } from '../generated/events/enrollment.grant-cancelled.v1.schema.js';
import type { GrantSeatV1 } from '../generated/events/enrollment.grant-seat.v1.schema.js';
import type { SeatGrantedV1 } from '../generated/events/enrollment.seat-granted.v1.schema.js';
import type { SeatRejectedV1 } from '../generated/events/enrollment.seat-rejected.v1.schema.js';
import type { OrderCancelledV1 } from '../generated/events/order.cancelled.v1.schema.js';
import type { OrderCancelledV2 } from '../generated/events/order.cancelled.v2.schema.js';
import type { OrderCompletedV1 } from '../generated/events/order.completed.v1.schema.js';

/** A service that produces messages; the CloudEvents `source` is `/shop/<service>`. */
export type ShopService = 'checkout' | 'enrollment';

/** An event published on a Kafka topic; the message key is the CloudEvent `subject`. */
export interface KafkaEventRoute {
  readonly transport: 'kafka';
  /** Versioned topic name, equal to the kind's name. */
  readonly topic: string;
}

/** A command sent to one owner through a RabbitMQ exchange. */
export interface AmqpCommandRoute {
  readonly transport: 'amqp';
  /** Durable direct exchange. */
  readonly exchange: string;
  /** Routing key the command is published with. */
  readonly routingKey: string;
  /** The durable quorum queue bound to it; one owner's commands may share one queue. */
  readonly queue: string;
}

/** Everything producers and consumers agree on for one kind of message. */
export interface MessageKindDefinition {
  /** CloudEvents `type`: `com.shop.<kind>`. */
  readonly type: string;
  /** The schema of `data`: `events/<kind>.schema.json`. */
  readonly schemaFile: string;
  readonly producer: ShopService;
  readonly route: KafkaEventRoute | AmqpCommandRoute;
}

/**
 * The registry of every asynchronous message of the purchase flow. The kind's
 * name is versioned (`.v1`); a breaking change is a new kind run side by side.
 */
export const messageKinds = {
  'enrollment.grant-seat.v1': {
    type: 'com.shop.enrollment.grant-seat.v1',
    schemaFile: 'enrollment.grant-seat.v1.schema.json',
    producer: 'checkout',
    route: {
      transport: 'amqp',
      exchange: 'enrollment.commands',
      routingKey: 'enrollment.grant-seat',
      queue: 'enrollment.grant-seat',
    },
  },
  // Same exchange and queue as grant-seat, its own routing key: one queue
  // holds every command of an order, so they share the retry and parking path.
  'enrollment.cancel-grant.v1': {
    type: 'com.shop.enrollment.cancel-grant.v1',
    schemaFile: 'enrollment.cancel-grant.v1.schema.json',
    producer: 'checkout',
    route: {
      transport: 'amqp',
      exchange: 'enrollment.commands',
      routingKey: 'enrollment.cancel-grant',
      queue: 'enrollment.grant-seat',
    },
  },
  'enrollment.seat-granted.v1': {
    type: 'com.shop.enrollment.seat-granted.v1',
    schemaFile: 'enrollment.seat-granted.v1.schema.json',
    producer: 'enrollment',
    route: { transport: 'kafka', topic: 'enrollment.seat-granted.v1' },
  },
  'enrollment.seat-rejected.v1': {
    type: 'com.shop.enrollment.seat-rejected.v1',
    schemaFile: 'enrollment.seat-rejected.v1.schema.json',
    producer: 'enrollment',
    route: { transport: 'kafka', topic: 'enrollment.seat-rejected.v1' },
  },
  'enrollment.grant-cancelled.v1': {
    type: 'com.shop.enrollment.grant-cancelled.v1',
    schemaFile: 'enrollment.grant-cancelled.v1.schema.json',
    producer: 'enrollment',
    route: { transport: 'kafka', topic: 'enrollment.grant-cancelled.v1' },
  },
  'order.completed.v1': {
    type: 'com.shop.order.completed.v1',
    schemaFile: 'order.completed.v1.schema.json',
    producer: 'checkout',
    route: { transport: 'kafka', topic: 'order.completed.v1' },
  },
  'order.cancelled.v1': {
    type: 'com.shop.order.cancelled.v1',
    schemaFile: 'order.cancelled.v1.schema.json',
    producer: 'checkout',
    route: { transport: 'kafka', topic: 'order.cancelled.v1' },
  },
  // v2 adds the two timeout reasons and requires the refund; checkout writes
  // both versions until v1's last consumer is gone (docs/patterns/events.md).
  'order.cancelled.v2': {
    type: 'com.shop.order.cancelled.v2',
    schemaFile: 'order.cancelled.v2.schema.json',
    producer: 'checkout',
    route: { transport: 'kafka', topic: 'order.cancelled.v2' },
  },
} as const satisfies Record<keyof MessageDataByKind, MessageKindDefinition>;

/** The TypeScript type of each kind's `data`, generated from its schema. */
export interface MessageDataByKind {
  'enrollment.grant-seat.v1': GrantSeatV1;
  'enrollment.cancel-grant.v1': CancelGrantV1;
  'enrollment.seat-granted.v1': SeatGrantedV1;
  'enrollment.seat-rejected.v1': SeatRejectedV1;
  'enrollment.grant-cancelled.v1': GrantCancelledV1;
  'order.completed.v1': OrderCompletedV1;
  'order.cancelled.v1': OrderCancelledV1;
  'order.cancelled.v2': OrderCancelledV2;
}

/** The name of a message kind, e.g. `'order.completed.v1'`. */
export type MessageKind = keyof MessageDataByKind;

/** The `data` of a kind: `DataOf<'order.completed.v1'>` is `OrderCompletedV1`. */
export type DataOf<K extends MessageKind> = MessageDataByKind[K];

/** Kinds published on Kafka topics. */
export type KafkaEventKind = {
  [K in MessageKind]: (typeof messageKinds)[K]['route']['transport'] extends 'kafka' ? K : never;
}[MessageKind];

/** Every kind, in registry order. */
export const allMessageKinds = Object.keys(messageKinds) as MessageKind[];

/** The kind whose CloudEvents `type` this is, if any. */
export function messageKindOfType(type: string): MessageKind | undefined {
  return allMessageKinds.find((kind) => messageKinds[kind].type === type);
}
