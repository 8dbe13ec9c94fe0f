import {
  createEvent,
  messageKinds,
  type DataOf,
  type KafkaEventKind,
  type ShopEvent,
} from '@shop/contracts';
import type { NewOutboxMessage } from '@shop/outbox';

type SeatEventKind = Extract<KafkaEventKind, `enrollment.${string}`>;

/**
 * The outbox row of a seat event answering `command`: a CloudEvent on the
 * kind's Kafka topic, keyed by the order id, carrying the command's
 * correlation id.
 */
export function seatEventMessage<K extends SeatEventKind>(
  kind: K,
  data: DataOf<K>,
  command: ShopEvent<'enrollment.grant-seat.v1'> | ShopEvent<'enrollment.cancel-grant.v1'>,
): NewOutboxMessage {
  const { orderId } = command.data;
  const event = createEvent(kind, data, { subject: orderId, correlationId: command.correlationid });
  return {
    aggregateType: 'order',
    aggregateId: orderId,
    destination: { transport: 'KAFKA', topic: messageKinds[kind].route.topic },
    messageKey: orderId,
    payload: event,
  };
}
