import { connect, type Socket } from 'node:net';

/** What a broker did with bytes written raw: answered them, or closed the connection unanswered. */
export type RawOutcome = 'answered' | 'closed unanswered';

/**
 * Writes `parts` one after another on a fresh connection (a trickle: each
 * part once the previous is flushed), then waits for the broker's first byte
 * or its closing the connection. A part written after the close is dropped.
 */
export async function writeRaw(address: string, parts: readonly Buffer[]): Promise<RawOutcome> {
  const [host, port] = address.split(':');
  const socket = connect(Number(port), host);
  const outcome = new Promise<RawOutcome>((resolve) => {
    socket.once('data', () => {
      socket.destroy();
      resolve('answered');
    });
    socket.once('close', () => {
      resolve('closed unanswered');
    });
  });
  socket.on('error', () => undefined);
  await new Promise<void>((resolve) => socket.once('connect', resolve));
  for (const part of parts) if (!(await written(socket, part))) break;
  return outcome;
}

function written(socket: Socket, bytes: Buffer): Promise<boolean> {
  if (socket.destroyed) return Promise.resolve(false);
  return new Promise((resolve) => {
    socket.write(bytes, (error) => {
      resolve(error == null);
    });
  });
}

/** A 4-byte Kafka size prefix announcing `size` bytes (2³¹ and above read as negative). */
export function sizePrefix(size: number): Buffer {
  const bytes = Buffer.alloc(4);
  bytes.writeUInt32BE(size >>> 0);
  return bytes;
}
