import { connect } from 'node:net';

/** The correlation id every raw request carries, so a test can check the answer's. */
export const RAW_CORRELATION_ID = 7;

/**
 * One request over a fresh connection; the answer after its size prefix
 * (correlation id first), or null when the broker closes the connection
 * unanswered. For what kafkajs does not show: refusals, the timestamp
 * ListOffsets answers.
 */
export function rawRequest(
  address: string,
  apiKey: number,
  version: number,
  body: Buffer = Buffer.alloc(0),
  flexibleHeader = false,
): Promise<Buffer | null> {
  const [host, port] = address.split(':');
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), host, () => {
      const clientId = Buffer.from('raw');
      const tags = flexibleHeader ? 1 : 0; // request header v2: an empty tagged-field section
      const header = Buffer.alloc(4 + 10 + clientId.length + tags);
      header.writeInt32BE(header.length - 4 + body.length, 0);
      header.writeInt16BE(apiKey, 4);
      header.writeInt16BE(version, 6);
      header.writeInt32BE(RAW_CORRELATION_ID, 8);
      header.writeInt16BE(clientId.length, 12);
      clientId.copy(header, 14);
      socket.write(Buffer.concat([header, body]));
    });
    let data = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
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

/** ListOffsets v1 for one partition: what the broker answers, timestamp included. */
export async function listOffsetV1(
  address: string,
  topic: string,
  partition: number,
  timestamp: number,
): Promise<{ errorCode: number; timestamp: string; offset: string }> {
  const name = Buffer.from(topic);
  const body = Buffer.alloc(4 + 4 + 2 + name.length + 4 + 4 + 8);
  let at = body.writeInt32BE(-1, 0); // replica id: a client
  at = body.writeInt32BE(1, at);
  at = body.writeInt16BE(name.length, at);
  at += name.copy(body, at);
  at = body.writeInt32BE(1, at);
  at = body.writeInt32BE(partition, at);
  body.writeBigInt64BE(BigInt(timestamp), at);
  const response = await rawRequest(address, 2, 1, body);
  if (response === null) throw new Error('ListOffsets v1 closed unanswered');
  // correlation id, [topics: name [partition error timestamp offset]]
  const answer = response.subarray(4);
  const at2 = 4 + 2 + answer.readInt16BE(4) + 4 + 4;
  return {
    errorCode: answer.readInt16BE(at2),
    timestamp: String(answer.readBigInt64BE(at2 + 2)),
    offset: String(answer.readBigInt64BE(at2 + 10)),
  };
}
