import type { Consumer } from 'kafkajs';
import type { ReadinessCheck } from '@shop/platform';

type Status = { readonly ready: true } | { readonly ready: false; readonly reason: string };

/**
 * Whether the service's Kafka consumer is in its group and fetching. Fed by
 * kafkajs's own events, because Nest's transport status only reports the first
 * connect: a consumer that crashed and restarted would stay "crashed" there.
 */
export class KafkaConsumerState {
  private status: Status = { ready: false, reason: 'the consumer has not joined its group yet' };

  /** Follows one kafkajs consumer from before it connects. */
  watch(consumer: Consumer): void {
    const { GROUP_JOIN, CRASH, STOP, DISCONNECT } = consumer.events;
    consumer.on(GROUP_JOIN, () => (this.status = { ready: true }));
    consumer.on(CRASH, (event) => {
      this.status = {
        ready: false,
        reason: `the consumer crashed: ${event.payload.error.message}`,
      };
    });
    consumer.on(STOP, () => (this.status = { ready: false, reason: 'the consumer stopped' }));
    consumer.on(
      DISCONNECT,
      () => (this.status = { ready: false, reason: 'the consumer disconnected' }),
    );
  }

  /** For `HealthModule`: ready while the consumer is a member of its group. */
  readiness(): ReadinessCheck {
    return {
      name: 'kafka',
      check: () => {
        const status = this.status;
        return status.ready ? Promise.resolve() : Promise.reject(new Error(status.reason));
      },
    };
  }
}
