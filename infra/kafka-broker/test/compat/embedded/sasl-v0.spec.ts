import { once } from 'node:events';
import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningBroker } from '../../../src/index.js';
import { startEmbeddedBroker } from '../../support/kafka-under-test.js';

const SASL_HANDSHAKE = 17;

function frame(apiKey: number, version: number, body: Buffer): Buffer {
  const clientId = Buffer.from('raw');
  const header = Buffer.alloc(14 + clientId.length);
  header.writeInt32BE(header.length - 4 + body.length, 0);
  header.writeInt16BE(apiKey, 4);
  header.writeInt16BE(version, 6);
  header.writeInt32BE(7, 8);
  header.writeInt16BE(clientId.length, 12);
  clientId.copy(header, 14);
  return Buffer.concat([header, body]);
}

function sized(payload: Buffer): Buffer {
  const prefix = Buffer.alloc(4);
  prefix.writeInt32BE(payload.length);
  return Buffer.concat([prefix, payload]);
}

/** Writes the v0 handshake, then the unframed PLAIN token; what comes back until the socket closes. */
async function handshakeV0(
  address: string,
  password: string,
): Promise<{ bytes: string; closed: boolean }> {
  const [host, port] = address.split(':');
  const socket: Socket = connect(Number(port), host);
  await once(socket, 'connect');
  let data = Buffer.alloc(0);
  let closed = false;
  socket.on('data', (chunk: Buffer) => (data = Buffer.concat([data, chunk])));
  socket.on('close', () => (closed = true));
  socket.write(frame(SASL_HANDSHAKE, 0, Buffer.from('\u0000\u0005PLAIN', 'latin1')));
  socket.write(sized(Buffer.from(`\u0000scenario-app\u0000${password}`)));
  // The handshake answer (4 + 17 bytes), then either the empty token frame or a close.
  await expect.poll(() => closed || data.length >= 25, { timeout: 10_000 }).toBe(true);
  socket.destroy();
  return { bytes: data.subarray(21).toString('hex'), closed };
}

// Only kafkajs's SaslAuthenticate path (v1) is in the differential suite; v0 is what older clients send.
describe('SaslHandshake v0 with a raw PLAIN token', () => {
  let broker: RunningBroker;
  beforeAll(async () => {
    broker = await startEmbeddedBroker({ saslPlainUsers: { 'scenario-app': 'app-secret' } });
  });
  afterAll(() => broker.stop());

  it('answers a good token with an empty frame', async () => {
    expect(await handshakeV0(broker.address, 'app-secret')).toEqual({
      bytes: '00000000',
      closed: false,
    });
  });

  it('closes the connection on a bad token', async () => {
    expect(await handshakeV0(broker.address, 'wrong')).toEqual({ bytes: '', closed: true });
  });
});
