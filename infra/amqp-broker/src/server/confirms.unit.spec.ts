import { describe, expect, it } from 'vitest';
import type { Durability } from '../store/durable-store.js';
import { Confirms } from './confirms.js';
import type { Connection } from './connection.js';

// A connection that records the confirms it would write, and a disk whose writes finish on request.
function confirmsUnderTest() {
  const sent: string[] = [];
  const record = (
    _channel: number,
    name: string,
    args: { deliveryTag: number; multiple: boolean },
  ) => sent.push(`${name} ${args.deliveryTag}${args.multiple ? ' multiple' : ''}`);
  const hooks = new Set<() => void>();
  const connection = {
    send: record,
    outbox: { writer: { method: record }, onNextFlush: (hook: () => void) => hooks.add(hook) },
  };
  const writes: ((written: boolean) => void)[] = [];
  const disk: Durability = { afterWrite: (done) => writes.push(done) };
  return {
    confirms: new Confirms(connection as unknown as Connection, 1),
    disk,
    sent,
    flush: () => {
      for (const hook of hooks) hook();
      hooks.clear();
    },
    finishWrite: (written: boolean) => {
      for (const done of writes.splice(0)) done(written);
    },
  };
}

describe('publisher confirms of a channel', () => {
  it('acks publishes that need no disk at once, one multiple ack per write', () => {
    const { confirms, sent, flush } = confirmsUnderTest();
    confirms.ack(confirms.next());
    confirms.ack(confirms.next());
    flush();
    expect(sent).toEqual(['BasicAck 2 multiple']);
  });

  it('holds the ack of a message waiting for the disk, and every ack after it, until it is written', () => {
    const { confirms, disk, sent, flush, finishWrite } = confirmsUnderTest();
    confirms.ackOnceWritten(confirms.next(), disk);
    confirms.ack(confirms.next());
    flush();
    expect(sent).toEqual([]);
    finishWrite(true);
    flush();
    expect(sent).toEqual(['BasicAck 2 multiple']);
  });

  it('nacks a message whose write failed, then acks the ones after it', () => {
    const { confirms, disk, sent, flush, finishWrite } = confirmsUnderTest();
    confirms.ackOnceWritten(confirms.next(), disk);
    confirms.ack(confirms.next());
    finishWrite(false);
    flush();
    expect(sent).toEqual(['BasicNack 1', 'BasicAck 2']);
  });

  it('confirms nothing that was waiting for the disk once the channel is closed', () => {
    const { confirms, disk, sent, flush, finishWrite } = confirmsUnderTest();
    confirms.ackOnceWritten(confirms.next(), disk);
    confirms.discard();
    finishWrite(true);
    flush();
    expect(sent).toEqual([]);
  });
});
