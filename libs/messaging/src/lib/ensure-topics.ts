import { setTimeout as sleep } from 'node:timers/promises';

/** What is used of a Kafka client (kafkajs's, or Nest's own typing of it). */
interface TopicAdminClient {
  admin(): {
    connect(): Promise<void>;
    createTopics(options: {
      topics: { topic: string }[];
      waitForLeaders?: boolean;
    }): Promise<boolean>;
    fetchTopicMetadata(options: {
      topics: string[];
    }): Promise<{ topics: { name: string; partitions: { leader: number }[] }[] }>;
    disconnect(): Promise<void>;
  };
}

/**
 * Creates the topics that do not exist yet (with the broker's default
 * partition count) and waits until every partition of each has a leader;
 * existing topics are left as they are. Real Kafka (KRaft) creates a topic
 * asynchronously: for a moment after CreateTopics its Metadata still answers
 * UNKNOWN_TOPIC_OR_PARTITION, which kafkajs does not retry, so this does.
 * A client without CREATE (a service under ACLs: the admin creates the topics,
 * `provisionKafka`) gets TOPIC_AUTHORIZATION_FAILED and only waits; a topic it
 * may not even describe then fails the wait, naming the refusal.
 */
export async function ensureTopics(
  kafka: TopicAdminClient,
  topics: readonly string[],
  timeoutMs = 60_000,
): Promise<void> {
  if (topics.length === 0) return;
  const admin = kafka.admin();
  await admin.connect();
  try {
    await admin
      .createTopics({ topics: topics.map((topic) => ({ topic })), waitForLeaders: false })
      .catch((error: unknown) => {
        if (!onlyRefusedToCreate(error)) throw error;
      });
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const problem = await leaderless(admin, topics);
      if (problem === undefined) return;
      if (Date.now() > deadline)
        throw new Error(`topics ${topics.join(', ')} not ready after ${timeoutMs} ms: ${problem}`);
      await sleep(200);
    }
  } finally {
    await admin.disconnect();
  }
}

// Why the topics are not all served yet, or undefined once they are.
async function leaderless(
  admin: ReturnType<TopicAdminClient['admin']>,
  topics: readonly string[],
): Promise<string | undefined> {
  try {
    const metadata = await admin.fetchTopicMetadata({ topics: [...topics] });
    const waiting = metadata.topics.filter(
      (t) => t.partitions.length === 0 || t.partitions.some((p) => p.leader < 0),
    );
    return waiting.length === 0
      ? undefined
      : `no leader yet for ${waiting.map((t) => t.name).join(', ')}`;
  } catch (error) {
    if ((error as { retriable?: unknown }).retriable === true)
      return error instanceof Error ? error.message : String(error);
    throw error;
  }
}

// kafkajs reports per-topic CreateTopics errors as a KafkaJSAggregateError.
function onlyRefusedToCreate(error: unknown): boolean {
  const errors = (error as { errors?: unknown }).errors;
  if (!Array.isArray(errors) || errors.length === 0) return false;
  return errors.every((each) => {
    const type = (each as { type?: unknown }).type;
    return type === 'TOPIC_AUTHORIZATION_FAILED' || type === 'TOPIC_ALREADY_EXISTS';
  });
}
