import { MessageCodec } from '../protocol/schema/message-codec.js';
import { loadMessageSchema } from '../protocol/schema/message-schema.js';
import type { ApiHandler, ApiVersionRange } from './api-handler.js';
import { API_HANDLERS } from './index.js';

// What Apache Kafka 4.4.0 (KRaft, broker listener) advertises in ApiVersions for
// the APIs implemented here, captured from a real broker. Produce keeps v0 in the
// list although v0–2 are gone (KIP-896): librdkafka reads "0" as "compression
// works"; requests below v3 are refused like any unsupported version.
const KAFKA_4_4_ADVERTISED: Readonly<Record<number, readonly [number, number]>> = {
  0: [0, 13], // Produce
  1: [4, 18], // Fetch
  2: [1, 11], // ListOffsets
  3: [0, 13], // Metadata
  8: [2, 10], // OffsetCommit
  9: [1, 10], // OffsetFetch
  10: [0, 6], // FindCoordinator
  11: [0, 9], // JoinGroup
  12: [0, 4], // Heartbeat
  13: [0, 5], // LeaveGroup
  14: [0, 5], // SyncGroup
  15: [0, 6], // DescribeGroups
  16: [0, 5], // ListGroups
  17: [0, 1], // SaslHandshake
  18: [0, 5], // ApiVersions
  19: [2, 7], // CreateTopics
  20: [1, 6], // DeleteTopics
  22: [0, 5], // InitProducerId (v6 is still marked unstable)
  29: [1, 3], // DescribeAcls
  30: [1, 3], // CreateAcls
  36: [0, 2], // SaslAuthenticate
  32: [1, 4], // DescribeConfigs
};

/** An implemented API: its handler, the codecs of its two messages and its versions. */
export interface ApiEntry {
  readonly handler: ApiHandler;
  readonly request: MessageCodec;
  readonly response: MessageCodec;
  /** What ApiVersions lists. */
  readonly advertised: ApiVersionRange;
  /** What is answered: the advertised versions the definition still has. */
  readonly accepted: { readonly min: number; readonly max: number };
}

function entryFor(handler: ApiHandler): ApiEntry {
  const range = KAFKA_4_4_ADVERTISED[handler.apiKey];
  if (!range) throw new Error(`no advertised versions for ${handler.name}`);
  const request = new MessageCodec(loadMessageSchema(`${handler.name}Request`));
  const response = new MessageCodec(loadMessageSchema(`${handler.name}Response`));
  const [minVersion, maxVersion] = range;
  return {
    handler,
    request,
    response,
    advertised: { apiKey: handler.apiKey, minVersion, maxVersion },
    accepted: { min: Math.max(minVersion, request.schema.validVersions.min), max: maxVersion },
  };
}

export const API_TABLE: ReadonlyMap<number, ApiEntry> = new Map(
  [...API_HANDLERS.values()].map((handler) => [handler.apiKey, entryFor(handler)]),
);

export const ADVERTISED_APIS: readonly ApiVersionRange[] = [...API_TABLE.values()].map(
  (entry) => entry.advertised,
);
