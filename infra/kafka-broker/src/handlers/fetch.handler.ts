import { ApiKey } from '../protocol/api-key.js';
import { ErrorCode } from '../protocol/error-codes.js';
import type { Reader } from '../protocol/reader.js';
import {
  startResponse,
  type ApiHandler,
  type HandlerResult,
  type RequestContext,
} from './api-handler.js';
import { collectFetch, type FetchTopic } from './fetch-collector.js';

export const fetchHandler: ApiHandler = {
  name: 'Fetch',
  apiKey: ApiKey.Fetch,
  minVersion: 4,
  maxVersion: 11,
  handle(context) {
    const request = decodeFetch(context.body, context.version);
    const first = collectFetch(context.broker.topics, request.topics, request.maxBytes);
    const answerNow = first.bytes >= request.minBytes || first.hasError || request.maxWaitMs <= 0;
    if (answerNow || context.broker.stopping.aborted) return encodeFetch(context, first.topics);
    return longPoll(context, request);
  },
};

interface FetchRequest {
  readonly maxWaitMs: number;
  readonly minBytes: number;
  readonly maxBytes: number;
  readonly topics: FetchTopic[];
}

function decodeFetch(body: Reader, version: number): FetchRequest {
  body.int32(); // replica id
  const maxWaitMs = body.int32();
  const minBytes = body.int32();
  const maxBytes = body.int32();
  body.int8(); // isolation level: without transactions every level reads the same
  if (version >= 7) {
    body.int32(); // session id: sessions are not kept, every fetch is a full fetch
    body.int32(); // session epoch
  }
  const topics = body.array((topic) => ({
    name: topic.string(),
    partitions: topic.array((partition) => {
      const index = partition.int32();
      if (version >= 9) partition.int32(); // current leader epoch
      const fetchOffset = partition.int64();
      if (version >= 5) partition.int64(); // the follower's log start offset
      return { index, fetchOffset, maxBytes: partition.int32() };
    }),
  }));
  return { maxWaitMs, minBytes, maxBytes, topics };
}

// Parks the request until enough bytes arrive on any requested partition, maxWait
// passes or the broker stops; then answers with whatever is there.
function longPoll(context: RequestContext, request: FetchRequest): Promise<HandlerResult> {
  const { topics, stopping } = context.broker;
  return new Promise((resolve) => {
    let cancels: (() => void)[] = [];
    const finish = () => {
      for (const cancel of cancels) cancel();
      clearTimeout(timer);
      stopping.removeEventListener('abort', finish);
      resolve(encodeFetch(context, collectFetch(topics, request.topics, request.maxBytes).topics));
    };
    const listen = () => {
      cancels = request.topics.flatMap(({ name, partitions }) =>
        partitions.flatMap(({ index }) => {
          const cancel = topics.partition(name, index)?.onNextAppend(onAppend);
          return cancel ? [cancel] : [];
        }),
      );
    };
    const onAppend = () => {
      for (const cancel of cancels) cancel();
      const enough =
        request.minBytes <= 1 ||
        collectFetch(topics, request.topics, request.maxBytes).bytes >= request.minBytes;
      if (enough) finish();
      else listen();
    };
    const timer = setTimeout(finish, request.maxWaitMs);
    stopping.addEventListener('abort', finish, { once: true });
    listen();
  });
}

function encodeFetch(
  context: RequestContext,
  topics: ReturnType<typeof collectFetch>['topics'],
): HandlerResult {
  const { version } = context;
  const out = startResponse(context).int32(0);
  if (version >= 7) out.int16(ErrorCode.NONE).int32(0);
  out.array(topics, (writer, topic) => {
    writer.string(topic.name).array(topic.partitions, (partitionWriter, partition) => {
      partitionWriter.int32(partition.index).int16(partition.errorCode);
      partitionWriter.int64(partition.highWatermark).int64(partition.highWatermark);
      if (version >= 5) partitionWriter.int64(partition.logStartOffset);
      partitionWriter.int32(0); // aborted transactions: none
      if (version >= 11) partitionWriter.int32(-1); // preferred read replica: none
      partitionWriter.bytes(partition.records);
    });
  });
  return out;
}
