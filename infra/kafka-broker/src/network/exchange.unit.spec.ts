import { describe, expect, it } from 'vitest';
import { ADVERTISED_APIS, API_TABLE } from '../handlers/api-table.js';
import { encodeResponse, parseRequest, RefusedRequestError } from './exchange.js';

// A request frame without its size: key, version, correlation id 7, client id
// "probe", the header's tagged fields when flexible (v2 header), then the body.
function frame(apiKey: number, version: number, flexibleHeader: boolean, body = ''): Buffer {
  const header = Buffer.alloc(8);
  header.writeInt16BE(apiKey, 0);
  header.writeInt16BE(version, 2);
  header.writeInt32BE(7, 4);
  const clientId = Buffer.from('0005' + Buffer.from('probe').toString('hex'), 'hex');
  return Buffer.concat([
    header,
    clientId,
    Buffer.from(flexibleHeader ? '00' : '', 'hex'),
    Buffer.from(body, 'hex'),
  ]);
}

// What Apache Kafka 4.4.0 answered to the same frames (captured from a real broker).
describe('refusing what Kafka 4.4 refuses', () => {
  it('answers an ApiVersions version above 5 in the v0 layout with its own range only', () => {
    const parsed = parseRequest(frame(18, 9, true));
    expect(parsed.outcome.kind).toBe('refuse');
    if (parsed.outcome.kind !== 'refuse') return;
    // size, correlation id 7, UNSUPPORTED_VERSION (35), [ApiVersions 0–5]: Kafka's bytes.
    expect(parsed.outcome.frame.toString('hex')).toBe('0000001000000007002300000001001200000005');
  });

  it('reads an unknown ApiVersions version with the v2 header from v3 up, like Kafka', () => {
    expect(() => parseRequest(frame(18, 9, false))).toThrow();
    expect(parseRequest(frame(18, -1, false)).outcome.kind).toBe('refuse');
  });

  it.each([
    ['an unknown API key', 999, 0],
    ['a controller-only API (Vote)', 52, 0],
    ['an API it does not implement (AddPartitionsToTxn)', 24, 4],
    ['Produce v2: advertised from v0 (as Kafka does) but gone since 4.0', 0, 2],
    ['a version above the highest', 3, 14],
    ['a version below the lowest', 1, 3],
  ])('closes the connection unanswered for %s', (_what, apiKey, version) => {
    expect(() => parseRequest(frame(apiKey, version, false, '00000000'))).toThrow(
      RefusedRequestError,
    );
  });
});

describe('the versions it accepts', () => {
  it('advertises, for every implemented API, the range Kafka 4.4 advertises', () => {
    const ranges = Object.fromEntries(
      ADVERTISED_APIS.map(({ apiKey, minVersion, maxVersion }) => [
        apiKey,
        `${minVersion}-${maxVersion}`,
      ]),
    );
    expect(ranges).toEqual({
      0: '0-13',
      1: '4-18',
      2: '1-11',
      3: '0-13',
      8: '2-10',
      9: '1-10',
      10: '0-6',
      11: '0-9',
      12: '0-4',
      13: '0-5',
      14: '0-5',
      15: '0-6',
      16: '0-5',
      17: '0-1',
      18: '0-5',
      19: '2-7',
      20: '1-6',
      22: '0-5',
      29: '1-3',
      30: '1-3',
      32: '1-4',
      36: '0-2',
    });
  });

  it('has a definition for every accepted version of every API', () => {
    for (const entry of API_TABLE.values()) {
      for (const codec of [entry.request, entry.response]) {
        expect(codec.schema.validVersions.contains(entry.accepted.min)).toBe(true);
        expect(codec.schema.validVersions.contains(entry.accepted.max)).toBe(true);
      }
    }
  });

  it('answers ApiVersions v3 (flexible body, classic response header)', () => {
    // client software name "probe" and version "1", compact, no tagged fields.
    const parsed = parseRequest(frame(18, 3, true, '0670726f6265023100'));
    expect(parsed.outcome.kind).toBe('handle');
    if (parsed.outcome.kind !== 'handle') return;
    expect(parsed.outcome.body).toMatchObject({
      clientSoftwareName: 'probe',
      clientSoftwareVersion: '1',
    });
    const response = encodeResponse(parsed.outcome.entry, parsed, {
      errorCode: 0,
      apiKeys: [{ apiKey: 18, minVersion: 0, maxVersion: 5 }],
    });
    // size, correlation id, then at once the body: error 0, [18 0–5], throttle 0, no tags.
    expect(response.toString('hex')).toBe(
      '00000013' + '00000007' + '0000' + '02' + '001200000005' + '00' + '00000000' + '00',
    );
  });

  it('puts tagged fields in the response header of other flexible versions', () => {
    const parsed = parseRequest(frame(12, 4, true, '0267000000010' + '26d' + '00' + '00'));
    if (parsed.outcome.kind !== 'handle') throw new Error('not handled');
    const response = encodeResponse(parsed.outcome.entry, parsed, { errorCode: 0 });
    expect(response.toString('hex')).toBe(
      '0000000c' + '00000007' + '00' + '00000000' + '0000' + '00',
    );
  });
});

describe('InitProducerId as Kafka 4.4 answers it', () => {
  it.each([
    // v5 (flexible): null transactional id → a producer id; "" → INVALID_REQUEST (42), both as a real broker answered.
    ['a null transactional id', '00', 0],
    ['an empty transactional id', '01', 42],
  ])('%s', async (_what, transactionalId, errorCode) => {
    const parsed = parseRequest(
      frame(22, 5, true, `${transactionalId}00000000ffffffffffffffffffff00`),
    );
    if (parsed.outcome.kind !== 'handle') throw new Error('not handled');
    const { handler } = parsed.outcome.entry;
    const broker = { producers: { allocateProducerId: () => 1 } };
    const answer = await handler.handle(parsed.outcome.body, { broker } as never);
    expect(answer).toMatchObject({ errorCode });
  });
});
