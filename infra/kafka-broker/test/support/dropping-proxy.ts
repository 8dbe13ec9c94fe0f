import { connect, createServer, type AddressInfo, type Socket } from 'node:net';

const PRODUCE = 0;
const METADATA = 3;

/**
 * A TCP proxy in front of one broker that can cut the connection right after
 * the broker appended a Produce but before the client hears back: the moment a
 * non-idempotent producer would write a duplicate. Metadata responses are
 * rewritten to advertise the proxy, so the client stays behind it.
 */
export async function startDroppingProxy(broker: string) {
  const [brokerHost, brokerPort] = broker.split(':');
  let dropNextProduceResponse = false;
  let dropped = 0;
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    const upstream = connect(Number(brokerPort), brokerHost);
    sockets.add(client).add(upstream);
    const apiKeyOf = new Map<number, number>();
    const closeBoth = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('close', closeBoth).on('error', closeBoth);
    upstream.on('close', closeBoth).on('error', closeBoth);
    onFrames(client, (frame) => {
      apiKeyOf.set(frame.readInt32BE(8), frame.readInt16BE(4));
      upstream.write(frame);
    });
    onFrames(upstream, (frame) => {
      const apiKey = apiKeyOf.get(frame.readInt32BE(4));
      if (apiKey === PRODUCE && dropNextProduceResponse) {
        dropNextProduceResponse = false;
        dropped++;
        closeBoth();
        return;
      }
      client.write(apiKey === METADATA ? advertiseProxy(frame, port) : frame);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    address: `127.0.0.1:${port}`,
    dropNextProduceResponse: () => (dropNextProduceResponse = true),
    droppedCount: () => dropped,
    stop: () => {
      for (const socket of sockets) socket.destroy();
      return new Promise<void>((resolve) => {
        server.close(() => {
          resolve();
        });
      });
    },
  };
}

function onFrames(socket: Socket, onFrame: (frame: Buffer) => void): void {
  let pending = Buffer.alloc(0);
  socket.on('data', (chunk: Buffer) => {
    pending = Buffer.concat([pending, chunk]);
    while (pending.length >= 4 && pending.length >= 4 + pending.readInt32BE(0)) {
      const size = 4 + pending.readInt32BE(0);
      onFrame(pending.subarray(0, size));
      pending = pending.subarray(size);
    }
  });
}

// Metadata v4–v6 response: size, correlationId, throttle, [nodeId host port rack], rest.
function advertiseProxy(frame: Buffer, port: number): Buffer {
  let position = 12;
  const count = frame.readInt32BE(position);
  position += 4;
  const parts: Buffer[] = [frame.subarray(4, 16)];
  const host = Buffer.from('127.0.0.1');
  for (let index = 0; index < count; index++) {
    const nodeId = frame.subarray(position, position + 4);
    const hostLength = frame.readInt16BE(position + 4);
    position += 6 + hostLength + 4;
    const rackLength = frame.readInt16BE(position);
    const rack = frame.subarray(position, position + 2 + Math.max(0, rackLength));
    position += rack.length;
    const replaced = Buffer.alloc(2 + host.length + 4);
    replaced.writeInt16BE(host.length, 0);
    host.copy(replaced, 2);
    replaced.writeInt32BE(port, 2 + host.length);
    parts.push(nodeId, replaced, rack);
  }
  parts.push(frame.subarray(position));
  const body = Buffer.concat(parts);
  const size = Buffer.alloc(4);
  size.writeInt32BE(body.length, 0);
  return Buffer.concat([size, body]);
}
