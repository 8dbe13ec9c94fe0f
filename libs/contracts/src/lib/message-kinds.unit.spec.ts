import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DeadLetterHeaders, dlqTopicOf, parkingQueueOf, retryQueueOf } from './dead-letter.js';
import { compileAllEventSchemas, eventSchemaRoot, schemaOf } from './event-schemas.js';
import { allMessageKinds, messageKindOfType, messageKinds } from './message-kinds.js';

const versionedName = /^[a-z]+(\.[a-z]+(-[a-z]+)*)+\.v[1-9][0-9]*$/;

describe('the message kind registry', () => {
  it.each(allMessageKinds)(
    'names %s with a version suffix and derives its type from it',
    (kind) => {
      expect(kind).toMatch(versionedName);
      expect(messageKinds[kind].type).toBe(`com.shop.${kind}`);
      expect(messageKindOfType(`com.shop.${kind}`)).toBe(kind);
    },
  );

  it.each(allMessageKinds)(
    'keeps the schema of %s in events/<kind>.schema.json, draft 2020-12',
    (kind) => {
      const { schemaFile } = messageKinds[kind];
      expect(schemaFile).toBe(`${kind}.schema.json`);
      expect(existsSync(join(eventSchemaRoot, schemaFile))).toBe(true);
      expect(schemaOf(kind)).toMatchObject({
        $schema: 'https://json-schema.org/draft/2020-12/schema',
        $id: expect.stringMatching(new RegExp(`/${schemaFile.replaceAll('.', '\\.')}$`)) as unknown,
        type: 'object',
      });
    },
  );

  it('publishes every event on a topic named like the kind (versioned)', () => {
    const topics = allMessageKinds.flatMap((kind) => {
      const { route } = messageKinds[kind];
      return route.transport === 'kafka' ? [[kind, route.topic]] : [];
    });
    expect(topics.length).toBeGreaterThan(0);
    for (const [kind, topic] of topics) expect(topic).toBe(kind);
  });

  it('routes the grant-seat command to its own durable queue', () => {
    expect(messageKinds['enrollment.grant-seat.v1'].route).toEqual({
      transport: 'amqp',
      exchange: 'enrollment.commands',
      routingKey: 'enrollment.grant-seat',
      queue: 'enrollment.grant-seat',
    });
  });

  it('knows no kind for an unversioned or foreign type', () => {
    expect(messageKindOfType('com.shop.order.completed')).toBeUndefined();
    expect(messageKindOfType('order.completed.v1')).toBeUndefined();
  });

  it('compiles every schema up front', () => {
    expect(() => {
      compileAllEventSchemas();
    }).not.toThrow();
  });
});

describe('dead-letter names', () => {
  it('puts what one consumer group refuses of a topic on <topic>.<group>.dlq', () => {
    expect(dlqTopicOf('order.completed.v1', 'analytics')).toBe('order.completed.v1.analytics.dlq');
  });

  it('names the retry delay queues and the parking lot after the command queue', () => {
    expect(retryQueueOf('enrollment.grant-seat', 1)).toBe('enrollment.grant-seat.retry.1');
    expect(parkingQueueOf('enrollment.grant-seat')).toBe('enrollment.grant-seat.parking');
    expect(() => retryQueueOf('enrollment.grant-seat', 0)).toThrow(RangeError);
  });

  it('carries reasons in the agreed headers', () => {
    expect(DeadLetterHeaders.reason).toBe('x-dead-letter-reason');
    expect(DeadLetterHeaders.parkingReason).toBe('x-parking-reason');
  });
});
