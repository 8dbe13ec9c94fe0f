import { FAST_CONSUMER, onEachMessage, waitFor } from '../../support/kafka-under-test.js';
import type { Scenario } from '../../support/scenario.js';

// The (API, version) pairs kafkajs negotiates for an admin, an idempotent
// producer and a group member. A kafkajs upgrade that changes them shows here.
export const apiVersionScenarios: Scenario[] = [
  {
    name: 'kafkajs negotiates the same versions for admin, idempotent producer and group member',
    async run(ctx) {
      const used = new Set<string>();
      const record = (event: { payload: { apiName: string; apiVersion: number } }) =>
        used.add(`${event.payload.apiName} v${event.payload.apiVersion}`);
      const client = ctx.client();
      const topic = ctx.name('pin');
      const admin = client.admin();
      admin.on(admin.events.REQUEST, record);
      await admin.connect();
      ctx.onClose(() => admin.disconnect());
      await ctx.createTopics([{ topic, numPartitions: 2 }], admin);
      const producer = client.producer({ idempotent: true });
      producer.on(producer.events.REQUEST, record);
      await producer.connect();
      ctx.onClose(() => producer.disconnect());
      await producer.send({ topic, messages: [{ value: 'x' }] });
      const consumer = client.consumer({ groupId: ctx.name('pin'), ...FAST_CONSUMER });
      consumer.on(consumer.events.REQUEST, record);
      await consumer.connect();
      await consumer.subscribe({ topic, fromBeginning: true });
      let seen = 0;
      await consumer.run({ eachMessage: onEachMessage(() => seen++) });
      await waitFor(() => seen === 1, 30_000, 'the message');
      await waitFor(() => used.has('Heartbeat v3'), 30_000, 'a heartbeat');
      await consumer.disconnect();
      // FindCoordinator is sent too, on a path kafkajs does not instrument.
      return [...used].sort();
    },
  },
];
