import type { TopicRegistry } from '../log/topic-registry.js';
import { ErrorCode } from '../protocol/error-codes.js';
import { findTopic, unknown, type TopicReference } from './topic-lookup.js';

export interface FetchTopic extends TopicReference {
  readonly partitions: readonly { index: number; fetchOffset: number; maxBytes: number }[];
  /** The principal may not READ the topic: every partition answers TOPIC_AUTHORIZATION_FAILED. */
  readonly refused?: boolean;
}

export interface FetchedPartition {
  readonly index: number;
  readonly errorCode: ErrorCode;
  readonly highWatermark: number;
  readonly logStartOffset: number;
  readonly records: Buffer;
}

export interface FetchCollection {
  readonly topics: { name: string; topicId: string; partitions: FetchedPartition[] }[];
  readonly bytes: number;
  readonly hasError: boolean;
}

/**
 * Reads what a Fetch asks for within its byte limits. Each partition returns
 * whole batches, at least one when it has data and the response still has room.
 */
export function collectFetch(
  topics: TopicRegistry,
  request: readonly FetchTopic[],
  maxBytes: number,
): FetchCollection {
  let bytes = 0;
  let hasError = false;
  const collected = request.map((wanted) => {
    const topic = findTopic(topics, wanted);
    return {
      name: wanted.name,
      topicId: wanted.topicId,
      partitions: wanted.partitions.map(
        ({ index, fetchOffset, maxBytes: partitionMaxBytes }): FetchedPartition => {
          const log = topic?.partitions[index];
          if (wanted.refused === true) {
            hasError = true;
            return {
              index,
              errorCode: ErrorCode.TOPIC_AUTHORIZATION_FAILED,
              highWatermark: -1,
              logStartOffset: -1,
              records: EMPTY,
            };
          }
          if (!log) {
            hasError = true;
            return {
              index,
              errorCode: topic ? ErrorCode.UNKNOWN_TOPIC_OR_PARTITION : unknown(wanted),
              highWatermark: -1,
              logStartOffset: -1,
              records: EMPTY,
            };
          }
          const { highWatermark, logStartOffset } = log;
          if (fetchOffset < logStartOffset || fetchOffset > highWatermark) {
            hasError = true;
            return {
              index,
              errorCode: ErrorCode.OFFSET_OUT_OF_RANGE,
              highWatermark,
              logStartOffset,
              records: EMPTY,
            };
          }
          const room = Math.min(partitionMaxBytes, maxBytes - bytes);
          const records =
            room > 0 && fetchOffset < highWatermark ? log.read(fetchOffset, room) : EMPTY;
          bytes += records.length;
          return { index, errorCode: ErrorCode.NONE, highWatermark, logStartOffset, records };
        },
      ),
    };
  });
  return { topics: collected, bytes, hasError };
}

const EMPTY = Buffer.alloc(0);
