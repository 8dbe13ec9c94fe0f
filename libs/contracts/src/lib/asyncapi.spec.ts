import { fromFile, Parser, type AsyncAPIDocumentInterface } from '@asyncapi/parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { dlqTopicOf, parkingQueueOf, retryQueueOf } from './dead-letter.js';
import { asyncApiDocumentFile, schemaOf } from './event-schemas.js';
import { allMessageKinds, messageKinds, type MessageKind } from './message-kinds.js';

// Spectral's severities in order (0 = error); named here because the parser and
// its linter type the enum from two different copies of @stoplight/types.
const severityNames = ['error', 'warning', 'information', 'hint'] as const;

let document: AsyncAPIDocumentInterface;

beforeAll(async () => {
  const { document: parsed, diagnostics } = await fromFile(
    new Parser(),
    asyncApiDocumentFile,
  ).parse();
  const errors = diagnostics.filter(({ severity }) => severityNames[severity] === 'error');
  for (const { severity, code, message, path } of diagnostics) {
    const name = severityNames[severity];
    if (name !== 'error')
      console.info(`asyncapi.yaml ${name} ${String(code)}: ${message} at /${path.join('/')}`);
  }
  expect(errors.map(({ message, path }) => `${message} at /${path.join('/')}`)).toEqual([]);
  document = parsed!;
});

// The parser annotates every schema it resolved; compare what the files say.
function withoutParserAnnotations(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutParserAnnotations);
  if (typeof value !== 'object' || value === null) return value;
  const entries = Object.entries(value).filter(([key]) => !key.startsWith('x-parser-'));
  return Object.fromEntries(entries.map(([key, inner]) => [key, withoutParserAnnotations(inner)]));
}

function channelsAt(address: string) {
  return document
    .channels()
    .all()
    .filter((channel) => channel.address() === address);
}

interface KafkaGroupBinding {
  readonly groupId: { readonly enum: readonly string[] };
}

function messageOf(kind: MessageKind) {
  return document
    .messages()
    .all()
    .find((message) => message.name() === kind);
}

// The consumer groups whose receive operations read this topic.
function receivingGroups(topic: string): string[] {
  return document
    .operations()
    .all()
    .filter((op) => op.action() === 'receive')
    .filter((op) => op.channels().all()[0]?.address() === topic)
    .map((op) => op.bindings().get('kafka')!.value<KafkaGroupBinding>().groupId.enum[0]!);
}

// What an address may be: a kind's topic or routing key, or a dead-letter path derived from one.
function expectedAddresses(): Set<string> {
  const addresses = new Set<string>();
  for (const kind of allMessageKinds) {
    const { route } = messageKinds[kind];
    if (route.transport === 'kafka') {
      addresses.add(route.topic).add(dlqTopicOf(route.topic, '{group}'));
    } else {
      addresses.add(route.routingKey).add(route.queue).add(parkingQueueOf(route.queue));
      addresses.add(retryQueueOf(route.queue, 1).replace(/1$/, '{attempt}'));
    }
  }
  return addresses;
}

describe('asyncapi.yaml', () => {
  it('is a valid AsyncAPI 3.0 document', () => {
    expect(document.version()).toBe('3.0.0');
  });

  it.each(allMessageKinds)(
    'describes %s with the registry’s type and the schema file of its data',
    (kind) => {
      const message = messageOf(kind);
      expect(message, `no message named ${kind}`).toBeDefined();
      const payload = withoutParserAnnotations(message!.payload()?.json()) as {
        allOf: { properties?: { type?: unknown; source?: unknown; data?: unknown } }[];
      };
      const properties = payload.allOf[1]?.properties;
      expect(properties?.type).toEqual({ const: messageKinds[kind].type });
      expect(properties?.source).toEqual({ const: `/shop/${messageKinds[kind].producer}` });
      expect(properties?.data).toEqual(schemaOf(kind));
    },
  );

  it.each(allMessageKinds)('has a channel for %s, and its dead-letter path', (kind) => {
    const { route } = messageKinds[kind];
    if (route.transport === 'kafka') {
      expect(channelsAt(route.topic).map((channel) => channel.messages().all()[0]?.name())).toEqual(
        [kind],
      );
      // A topic no group of the shop reads (a superseded version) has nobody to dead-letter.
      const dlqs = receivingGroups(route.topic).length === 0 ? 0 : 1;
      expect(channelsAt(dlqTopicOf(route.topic, '{group}'))).toHaveLength(dlqs);
      return;
    }
    // A routing key and its queue share an address only when they share a name.
    const amqpBindingsAt = (address: string) =>
      channelsAt(address).map((channel) =>
        channel.bindings().get('amqp')?.value<{ is?: string }>(),
      );
    const exchange = amqpBindingsAt(route.routingKey).find((b) => b?.is === 'routingKey');
    const queue = amqpBindingsAt(route.queue).find((b) => b?.is === 'queue');
    expect(exchange).toMatchObject({
      is: 'routingKey',
      exchange: { name: route.exchange, type: 'direct', durable: true },
    });
    expect(queue).toMatchObject({ is: 'queue', queue: { name: route.queue, durable: true } });
    expect(channelsAt(parkingQueueOf(route.queue))).toHaveLength(1);
    expect(channelsAt(`${route.queue}.retry.{attempt}`)).toHaveLength(1);
  });

  it.each(allMessageKinds.filter((kind) => messageKinds[kind].route.transport === 'kafka'))(
    'has one dead-letter topic of %s per consumer group that receives it',
    (kind) => {
      const { route } = messageKinds[kind];
      if (route.transport !== 'kafka') return;
      const [dlq] = channelsAt(dlqTopicOf(route.topic, '{group}'));
      const group: { enum?: unknown } | undefined = dlq?.parameters().get('group')?.json();
      const declared = group?.enum;
      const receivers = receivingGroups(route.topic);
      expect(declared).toEqual(receivers.length === 0 ? undefined : receivers);
    },
  );

  it('has no channel or message the registry does not know', () => {
    const expected = expectedAddresses();
    const addresses = document
      .channels()
      .all()
      .map((channel) => channel.address() ?? '');
    expect(addresses.filter((address) => !expected.has(address))).toEqual([]);
    const kinds = new Set<string>(allMessageKinds);
    const deadLetterMessages = new Set(['dead-letter', 'parked-command']);
    const names = document
      .messages()
      .all()
      .map((message) => message.name() ?? '');
    expect(names.filter((name) => !kinds.has(name) && !deadLetterMessages.has(name))).toEqual([]);
  });

  it('keys every Kafka event by the order id', () => {
    for (const kind of allMessageKinds) {
      if (messageKinds[kind].route.transport !== 'kafka') continue;
      const kafka: { key?: unknown } | undefined = messageOf(kind)!
        .bindings()
        .get('kafka')
        ?.value();
      expect(kafka?.key).toMatchObject({ type: 'string', format: 'uuid' });
    }
  });
});
