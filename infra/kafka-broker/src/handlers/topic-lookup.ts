import type { Topic, TopicRegistry } from '../log/topic-registry.js';
import { ErrorCode } from '../protocol/error-codes.js';
import { ZERO_UUID } from '../protocol/schema/message-plan.js';

/** How requests name a topic: by name up to some version, by topic id after (KIP-516). */
export interface TopicReference {
  readonly name: string;
  readonly topicId: string;
}

// The versions that carry ids send the zero name and the others the zero id.
export function findTopic(topics: TopicRegistry, reference: TopicReference): Topic | undefined {
  return reference.topicId !== ZERO_UUID
    ? topics.withId(reference.topicId)
    : topics.get(reference.name);
}

/** The error for a topic that is not there: by id UNKNOWN_TOPIC_ID, by name UNKNOWN_TOPIC_OR_PARTITION. */
export function unknown(reference: TopicReference): ErrorCode {
  return reference.topicId === ZERO_UUID
    ? ErrorCode.UNKNOWN_TOPIC_OR_PARTITION
    : ErrorCode.UNKNOWN_TOPIC_ID;
}
