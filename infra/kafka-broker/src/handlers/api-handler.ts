import type { GroupCoordinator } from '../groups/group-coordinator.js';
import type { ProducerState } from '../log/producer-state.js';
import type { TopicRegistry } from '../log/topic-registry.js';
import type { Logger } from '../logger.js';
import type { ApiKey } from '../protocol/api-key.js';
import type { Reader } from '../protocol/reader.js';
import { Writer } from '../protocol/writer.js';

export const NODE_ID = 0;
export const CLUSTER_ID = 'shop-embedded-kafka';

/** What handlers may use of the broker: storage, the coordinator and settings. */
export interface BrokerContext {
  readonly topics: TopicRegistry;
  readonly coordinator: GroupCoordinator;
  readonly producers: ProducerState;
  readonly logger: Logger;
  readonly settings: {
    readonly autoCreateTopics: boolean;
    readonly defaultPartitions: number;
    readonly maxBatchBytes: number;
    readonly fsyncOnAcksAll: boolean;
  };
  readonly supportedApis: readonly ApiVersionRange[];
  /** Aborted when the broker stops: parked long-polls answer at once. */
  readonly stopping: AbortSignal;
}

export interface ApiVersionRange {
  readonly apiKey: ApiKey;
  readonly minVersion: number;
  readonly maxVersion: number;
}

export interface RequestContext {
  readonly apiKey: number;
  readonly version: number;
  readonly correlationId: number;
  readonly clientId: string;
  /** The request body, positioned after the header. */
  readonly body: Reader;
  readonly clientHost: string;
  /** host:port clients must use to reach this broker (what Metadata advertises). */
  readonly advertised: { readonly host: string; readonly port: number };
  readonly broker: BrokerContext;
}

/** A response frame being written, or null when the request expects none (acks=0). */
export type HandlerResult = Writer | null;

export interface ApiHandler extends ApiVersionRange {
  readonly name: string;
  handle(context: RequestContext): HandlerResult | Promise<HandlerResult>;
}

/** A response frame: the size (patched when sent) and the correlation id, then the body. */
export function startResponse(context: Pick<RequestContext, 'correlationId'>): Writer {
  return new Writer().int32(0).int32(context.correlationId);
}
