import type { AclAuthorizer } from '../auth/acl-authorizer.js';
import type { GroupCoordinator } from '../groups/group-coordinator.js';
import type { SaslPlainUsers, SaslSession } from '../auth/sasl-session.js';
import type { ProducerState } from '../log/producer-state.js';
import type { TopicRegistry } from '../log/topic-registry.js';
import type { Logger } from '../logger.js';
import type { ApiKey } from '../protocol/api-key.js';
import type { MessageValue } from '../protocol/schema/message-codec.js';

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
    readonly retentionBytes: number;
    readonly segmentBytes: number;
  };
  readonly supportedApis: readonly ApiVersionRange[];
  /** SASL/PLAIN users; when set, the listener requires authentication first (Kafka's SASL_PLAINTEXT). */
  readonly sasl: SaslPlainUsers | undefined;
  /** ACLs and super users; when set, every request is authorized as Kafka's StandardAuthorizer does. */
  readonly authorizer: AclAuthorizer | undefined;
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
  readonly clientHost: string;
  /** host:port clients must use to reach this broker (what Metadata advertises). */
  readonly advertised: { readonly host: string; readonly port: number };
  readonly broker: BrokerContext;
  /** This connection's SASL progress. */
  readonly session: SaslSession;
}

/** A response body (field names as in Kafka's definitions, camelCase), or null when none is sent (acks=0). */
export type HandlerResult = MessageValue | null;

/**
 * One API. The request arrives decoded by the codec for its version (fields the
 * version lacks hold Kafka's defaults); the response is encoded the same way.
 */
export interface ApiHandler {
  readonly name: string;
  readonly apiKey: ApiKey;
  handle(request: MessageValue, context: RequestContext): HandlerResult | Promise<HandlerResult>;
}

/** A handler that names the request fields it reads. */
export interface TypedApiHandler<Request> {
  readonly name: string;
  readonly apiKey: ApiKey;
  handle(request: Request, context: RequestContext): HandlerResult | Promise<HandlerResult>;
}

// The codec guarantees every field of Kafka's definition is there (with its
// default when the version lacks it), so the handler's view of the request holds.
export function defineHandler<Request>(handler: TypedApiHandler<Request>): ApiHandler {
  return handler as unknown as ApiHandler;
}
