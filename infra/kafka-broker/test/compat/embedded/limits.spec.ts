import { describe, expect, it } from 'vitest';
import { startEmbeddedBroker } from '../../support/kafka-under-test.js';
import { sizePrefix, writeRaw } from '../../support/raw-socket.js';

// Embedded only: the close before the body proves nothing was buffered for it
// (2 GiB is never sent); the differential scenario shows real Kafka does the same.
describe('connection limits (embedded broker only)', () => {
  it('closes a connection whose size prefix announces more than --max-frame-bytes, before its body', async () => {
    const broker = await startEmbeddedBroker({ maxFrameBytes: 1024 });
    try {
      const trickle = Array.from({ length: 8 }, () => Buffer.alloc(16));
      expect(await writeRaw(broker.address, [sizePrefix(1025), ...trickle])).toBe(
        'closed unanswered',
      );
    } finally {
      await broker.stop();
    }
  });

  it('closes a connection that sends part of a request and then nothing for connectionsMaxIdleMs', async () => {
    const broker = await startEmbeddedBroker({ connectionsMaxIdleMs: 200 });
    try {
      // A complete request would be answered: only its first bytes are sent.
      const outcome = await writeRaw(broker.address, [sizePrefix(64), Buffer.from([0, 18])]);
      expect(outcome).toBe('closed unanswered');
    } finally {
      await broker.stop();
    }
  });
});
