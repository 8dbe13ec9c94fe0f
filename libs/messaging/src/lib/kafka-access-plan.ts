import { allMessageKinds, dlqTopicOf, messageKinds, type KafkaEventKind } from '@shop/contracts';
import { setTimeout as sleep } from 'node:timers/promises';
import kafkajs from 'kafkajs';
import { ensureTopics } from './ensure-topics.js';
import { brokerList } from './kafka-consumer.options.js';

/** The services that reach Kafka, each as its own principal (`User:<its SASL user>`). */
export type KafkaService = 'checkout' | 'enrollment' | 'notification' | 'analytics';

/** What one service's consumer group reads; the group id is the service's contract. */
export interface KafkaConsumption {
  readonly group: string;
  readonly kinds: readonly KafkaEventKind[];
}

/**
 * Who consumes what. Publishing follows from the registry (`messageKinds[kind].producer`):
 * a kind's producer alone may write its topic.
 */
export const KAFKA_CONSUMPTION: Readonly<Record<KafkaService, KafkaConsumption | undefined>> = {
  checkout: {
    group: 'checkout',
    kinds: [
      'enrollment.seat-granted.v1',
      'enrollment.seat-rejected.v1',
      'enrollment.grant-cancelled.v1',
    ],
  },
  enrollment: undefined,
  notification: { group: 'notification', kinds: ['order.completed.v1'] },
  // Moved from order.cancelled.v1 to v2: v1 is still written, but no group here reads it.
  analytics: { group: 'analytics', kinds: ['order.completed.v1', 'order.cancelled.v2'] },
};

export const KAFKA_SERVICES = Object.keys(KAFKA_CONSUMPTION) as KafkaService[];

/** One Kafka ACL, in Kafka's own terms (what `kafka-acls.sh --list` prints). */
export interface KafkaAclBinding {
  readonly principal: string;
  readonly resourceType: 'TOPIC' | 'GROUP';
  readonly resourceName: string;
  readonly patternType: 'LITERAL';
  readonly operation: 'READ' | 'WRITE';
  readonly permission: 'ALLOW';
  readonly host: '*';
}

const kafkaKinds = allMessageKinds.filter(
  (kind): kind is KafkaEventKind => messageKinds[kind].route.transport === 'kafka',
);
const topicOf = (kind: KafkaEventKind): string => messageKinds[kind].route.topic;

/** The topics a service publishes to: those of the kinds it produces. */
export function publishedTopics(service: KafkaService): string[] {
  return kafkaKinds.filter((kind) => messageKinds[kind].producer === service).map(topicOf);
}

/** The dead-letter topics a service's group parks refused events in (`<topic>.<group>.dlq`). */
export function deadLetterTopics(service: KafkaService): string[] {
  const consumption = KAFKA_CONSUMPTION[service];
  if (consumption === undefined) return [];
  return consumption.kinds.map((kind) => dlqTopicOf(topicOf(kind), consumption.group));
}

/** Every topic of the purchase flow and every dead-letter topic: what the admin creates. */
export function kafkaTopics(): string[] {
  return [...kafkaKinds.map(topicOf), ...KAFKA_SERVICES.flatMap(deadLetterTopics)];
}

/**
 * The least-privilege ACLs of every service, given each one's SASL user:
 * - a producer WRITEs only its own events' topics (checkout `order.*`, enrollment `enrollment.*`);
 * - a consumer READs only the topics it handles, as its own group only (READ on the group);
 * - a consumer WRITEs its own dead-letter topics, where its group parks what it refuses.
 * WRITE and READ imply DESCRIBE (Kafka's implied operations), which Metadata needs;
 * WRITE on some topic is what an idempotent producer's InitProducerId needs.
 * No service may CREATE, DELETE or ALTER anything: the admin (a super user)
 * creates the topics ({@link provisionKafka}) and nobody else defines ACLs.
 */
export function kafkaAclPlan(users: Readonly<Record<KafkaService, string>>): KafkaAclBinding[] {
  return KAFKA_SERVICES.flatMap((service) => {
    const principal = `User:${users[service]}`;
    const allow = (
      resourceType: KafkaAclBinding['resourceType'],
      resourceName: string,
      operation: KafkaAclBinding['operation'],
    ): KafkaAclBinding => ({
      principal,
      resourceType,
      resourceName,
      patternType: 'LITERAL',
      operation,
      permission: 'ALLOW',
      host: '*',
    });
    const consumption = KAFKA_CONSUMPTION[service];
    return [
      ...publishedTopics(service).map((topic) => allow('TOPIC', topic, 'WRITE')),
      ...(consumption === undefined
        ? []
        : [
            ...consumption.kinds.map((kind) => allow('TOPIC', topicOf(kind), 'READ')),
            allow('GROUP', consumption.group, 'READ'),
            ...deadLetterTopics(service).map((topic) => allow('TOPIC', topic, 'WRITE')),
          ]),
    ];
  });
}

/** Where the admin reaches Kafka, as a super user (`super.users`). */
export interface KafkaAdminLogin {
  /** Bootstrap brokers: `host:port` list, or the comma-separated `KAFKA_BROKERS` value. */
  readonly brokers: string | readonly string[];
  readonly sasl: kafkajs.SASLOptions;
}

/**
 * Applies the plan through the Kafka protocol, the same on real Kafka and the
 * stand-in: creates every topic ({@link kafkaTopics}) and the ACLs
 * ({@link kafkaAclPlan}), then waits until DescribeAcls lists them all — real
 * Kafka commits CreateAcls to its metadata log and a broker's authorizer
 * applies it moments later. Idempotent (existing topics and ACLs stay as they
 * are), so it runs at every start.
 */
export async function provisionKafka(
  login: KafkaAdminLogin,
  users: Readonly<Record<KafkaService, string>>,
  timeoutMs = 60_000,
): Promise<void> {
  const kafka = new kafkajs.Kafka({
    clientId: 'provision-kafka',
    brokers: brokerList(login.brokers),
    sasl: login.sasl,
    logLevel: kafkajs.logLevel.NOTHING,
  });
  await ensureTopics(kafka, kafkaTopics());
  const admin = kafka.admin();
  await admin.connect();
  try {
    const plan = kafkaAclPlan(users).map(toKafkajs);
    await admin.createAcls({ acl: plan });
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const missing = plan.length - (await heldCount(admin, plan));
      if (missing === 0) return;
      if (Date.now() > deadline)
        throw new Error(`${missing} of ${plan.length} ACLs not in effect after ${timeoutMs} ms`);
      await sleep(200);
    }
  } finally {
    await admin.disconnect();
  }
}

function toKafkajs(binding: KafkaAclBinding): kafkajs.AclEntry {
  return {
    principal: binding.principal,
    host: binding.host,
    resourceType: kafkajs.AclResourceTypes[binding.resourceType],
    resourceName: binding.resourceName,
    resourcePatternType: kafkajs.ResourcePatternTypes[binding.patternType],
    operation: kafkajs.AclOperationTypes[binding.operation],
    permissionType: kafkajs.AclPermissionTypes[binding.permission],
  };
}

// How many of the planned ACLs the broker lists (all principals, resources and operations).
async function heldCount(admin: kafkajs.Admin, plan: readonly kafkajs.AclEntry[]): Promise<number> {
  const { resources } = await admin.describeAcls({
    resourceType: kafkajs.AclResourceTypes.ANY,
    resourcePatternType: kafkajs.ResourcePatternTypes.ANY,
    operation: kafkajs.AclOperationTypes.ANY,
    permissionType: kafkajs.AclPermissionTypes.ANY,
  });
  const held = new Set(
    resources.flatMap((resource) =>
      resource.acls.map((acl) =>
        keyOf({ ...resource, ...acl, resourcePatternType: resource.resourcePatternType }),
      ),
    ),
  );
  return plan.filter((entry) => held.has(keyOf(entry))).length;
}

const keyOf = (entry: kafkajs.AclEntry): string =>
  JSON.stringify([
    entry.principal,
    entry.host,
    entry.resourceType,
    entry.resourceName,
    entry.resourcePatternType,
    entry.operation,
    entry.permissionType,
  ]);
