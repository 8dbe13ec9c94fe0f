import { startDroppingProxy } from '../../support/dropping-proxy.js';
import { kafkaClient } from '../../support/kafka-under-test.js';
import type { Scenario } from '../../support/scenario.js';

// Needs a single-node cluster: the proxy stands in for its one broker.
export const idempotentProducerScenarios: Scenario[] = [
  {
    name: 'acknowledges a resent duplicate with its original offset instead of storing it twice',
    async run(ctx) {
      const topic = ctx.name('idem');
      const admin = await ctx.admin();
      await ctx.createTopics([{ topic }], admin);
      const proxy = await startDroppingProxy(ctx.brokers[0]!);
      ctx.onClose(() => proxy.stop());
      const producer = await ctx.producer(
        { idempotent: true, maxInFlightRequests: 1 },
        kafkaClient([proxy.address]),
      );
      const first = await producer.send({ topic, messages: [{ value: 'one' }] });
      proxy.dropNextProduceResponse();
      const resent = await producer.send({
        topic,
        messages: [{ value: 'two' }, { value: 'three' }],
      });
      return {
        first,
        dropped: proxy.droppedCount(),
        resent,
        offsets: await admin.fetchTopicOffsets(topic),
      };
    },
  },
];
