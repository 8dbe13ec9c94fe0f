import { ApiKey } from '../protocol/api-key.js';
import { ErrorCode } from '../protocol/error-codes.js';
import type { MessageValue } from '../protocol/schema/message-codec.js';
import { defineHandler, type HandlerResult, type RequestContext } from './api-handler.js';
import { AclOperation, allowedOnTopic } from './authorize.js';
import { collectFetch, type FetchCollection, type FetchTopic } from './fetch-collector.js';
import { findTopic, type TopicReference } from './topic-lookup.js';

// Sessions are not kept (every fetch is a full fetch), the isolation level reads
// the same without transactions, and replica fields mean nothing on one node.
interface FetchRequest {
  readonly maxWaitMs: number;
  readonly minBytes: number;
  readonly maxBytes: number;
  readonly topics: readonly (TopicReference & {
    readonly topic: string;
    readonly partitions: readonly {
      partition: number;
      fetchOffset: number;
      partitionMaxBytes: number;
    }[];
  })[];
}

export const fetchHandler = defineHandler<FetchRequest>({
  name: 'Fetch',
  apiKey: ApiKey.Fetch,
  handle(request, context) {
    const wanted = request.topics.map(({ topic, topicId, partitions }): FetchTopic => ({
      name: topic,
      topicId,
      refused: !allowedOnTopic(
        context,
        AclOperation.READ,
        findTopic(context.broker.topics, { name: topic, topicId })?.name ?? topic,
      ),
      partitions: partitions.map(({ partition, fetchOffset, partitionMaxBytes }) => ({
        index: partition,
        fetchOffset,
        maxBytes: partitionMaxBytes,
      })),
    }));
    const first = collectFetch(context.broker.topics, wanted, request.maxBytes);
    const answerNow = first.bytes >= request.minBytes || first.hasError || request.maxWaitMs <= 0;
    if (answerNow || context.broker.stopping.aborted) return encodeFetch(first);
    return longPoll(context, request, wanted);
  },
});

// Parks the request until enough bytes arrive on any requested partition, maxWait
// passes or the broker stops; then answers with whatever is there.
function longPoll(
  context: RequestContext,
  request: FetchRequest,
  wanted: readonly FetchTopic[],
): Promise<HandlerResult> {
  const { topics, stopping } = context.broker;
  const collect = () => collectFetch(topics, wanted, request.maxBytes);
  return new Promise((resolve) => {
    let cancels: (() => void)[] = [];
    const finish = () => {
      for (const cancel of cancels) cancel();
      clearTimeout(timer);
      stopping.removeEventListener('abort', finish);
      resolve(encodeFetch(collect()));
    };
    const listen = () => {
      cancels = wanted.flatMap((topic) =>
        topic.partitions.flatMap(({ index }) => {
          const cancel = findTopic(topics, topic)?.partitions[index]?.onNextAppend(onAppend);
          return cancel ? [cancel] : [];
        }),
      );
    };
    const onAppend = () => {
      for (const cancel of cancels) cancel();
      const enough = request.minBytes <= 1 || collect().bytes >= request.minBytes;
      if (enough) finish();
      else listen();
    };
    const timer = setTimeout(finish, request.maxWaitMs);
    stopping.addEventListener('abort', finish, { once: true });
    listen();
  });
}

function encodeFetch(collection: FetchCollection): MessageValue {
  return {
    errorCode: ErrorCode.NONE,
    responses: collection.topics.map((topic) => ({
      topic: topic.name,
      topicId: topic.topicId,
      partitions: topic.partitions.map((partition) => ({
        partitionIndex: partition.index,
        errorCode: partition.errorCode,
        highWatermark: partition.highWatermark,
        lastStableOffset: partition.highWatermark,
        logStartOffset: partition.logStartOffset,
        abortedTransactions: [],
        records: partition.records,
      })),
    })),
  };
}
