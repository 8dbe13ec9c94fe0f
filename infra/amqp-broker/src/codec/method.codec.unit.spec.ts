import { describe, expect, it } from 'vitest';
import type { FieldTable } from './field-table.codec.js';
import { Writer } from './field-table.writer.js';
import { methods, type ArgType, type MethodArgs, type MethodName } from './method-definitions.js';
import { decodeMethod, UnknownMethodError, writeMethod } from './method.codec.js';

function encode<N extends MethodName>(name: N, args: MethodArgs<N>): Buffer {
  const w = new Writer();
  writeMethod(w, name, args);
  return Buffer.from(w.result());
}

const table: FieldTable = new Map([['x-queue-type', { tag: 'S', value: 'quorum' }]]);

// A distinct, non-default value per argument, so a swapped or dropped argument shows.
function sampleArgs(name: MethodName): Record<string, unknown> {
  const args: Record<string, unknown> = {};
  methods[name].args.forEach(([arg, type]: readonly [string, ArgType], index) => {
    const samples: Record<ArgType, unknown> = {
      octet: 200 + index,
      short: 60_000 + index,
      long: 4_000_000_000 + index,
      longlong: 2 ** 40 + index,
      shortstr: `${arg}-${index}`,
      longstr: Buffer.from(`${arg} ${index}`),
      bit: index % 2 === 0,
      table,
    };
    args[arg] = samples[type];
  });
  return args;
}

describe('method codec', () => {
  it.each(Object.keys(methods) as MethodName[])('reads back the arguments of %s', (name) => {
    const args = sampleArgs(name) as MethodArgs<typeof name>;
    expect(decodeMethod(encode(name, args))).toEqual({ name, args });
  });

  it('writes class id, method id and the arguments in wire order (basic.deliver)', () => {
    const bytes = encode('BasicDeliver', {
      consumerTag: 'c',
      deliveryTag: 1,
      redelivered: true,
      exchange: '',
      routingKey: 'q',
    });
    expect(bytes).toEqual(
      Buffer.from([0, 60, 0, 60, 1, 0x63, 0, 0, 0, 0, 0, 0, 0, 1, 1, 0, 1, 0x71]),
    );
  });

  it('packs consecutive bits into one octet, first bit lowest (queue.declare)', () => {
    const bytes = encode('QueueDeclare', {
      ticket: 0,
      queue: 'q',
      passive: false,
      durable: true,
      exclusive: false,
      autoDelete: true,
      nowait: true,
      arguments: new Map(),
    });
    // class, method, ticket, shortstr "q", bits, empty table
    expect(bytes).toEqual(Buffer.from([0, 50, 0, 10, 0, 0, 1, 0x71, 0b11010, 0, 0, 0, 0]));
  });

  it('reports an unknown class and method id with both ids', () => {
    const payload = Buffer.from([0, 99, 0, 7]);
    expect(() => decodeMethod(payload)).toThrow(UnknownMethodError);
    try {
      decodeMethod(payload);
    } catch (error) {
      expect(error).toMatchObject({ classId: 99, methodId: 7 });
    }
  });
});
