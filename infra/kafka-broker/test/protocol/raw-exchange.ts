import { readFileSync } from 'node:fs';
import { connect } from 'node:net';

/** A request body as Kafka 4.4's generated classes write it, with its header version. */
export interface RequestFixture {
  readonly apiKey: number;
  readonly version: number;
  readonly headerVersion: number;
  readonly body: string;
}

export const DEFAULT_REQUESTS = JSON.parse(
  readFileSync(
    new URL('../fixtures/kafka-requests/kafka-4.4-default-requests.json', import.meta.url),
    'utf8',
  ),
) as RequestFixture[];

export const CORRELATION_ID = 42;

/** Sends one request on a fresh connection: the response frame, or null if the broker closes unanswered. */
export function exchange(address: string, fixture: RequestFixture): Promise<Buffer | null> {
  const [host, port] = address.split(':');
  const clientId = Buffer.from('sweep');
  const header = Buffer.alloc(10);
  header.writeInt16BE(fixture.apiKey, 0);
  header.writeInt16BE(fixture.version, 2);
  header.writeInt32BE(CORRELATION_ID, 4);
  header.writeInt16BE(clientId.length, 8);
  const tags = Buffer.alloc(fixture.headerVersion >= 2 ? 1 : 0);
  const payload = Buffer.concat([header, clientId, tags, Buffer.from(fixture.body, 'hex')]);
  const size = Buffer.alloc(4);
  size.writeInt32BE(payload.length);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), host, () => socket.write(Buffer.concat([size, payload])));
    let data = Buffer.alloc(0);
    socket.on('data', (chunk) => {
      data = Buffer.concat([data, chunk]);
      if (data.length >= 4 && data.length >= 4 + data.readInt32BE(0)) {
        socket.destroy();
        resolve(data.subarray(4));
      }
    });
    socket.on('close', () => {
      resolve(null);
    });
    socket.on('error', reject);
  });
}
