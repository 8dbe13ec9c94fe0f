import { describe, expect, it } from 'vitest';
import { Reader } from '../reader.js';
import { Writer } from '../writer.js';
import { MessageCodec, type MessageValue } from './message-codec.js';
import { loadMessageSchema } from './message-schema.js';

// Expected bytes come from Kafka 4.4.0's own generated classes (FetchResponseData
// etc., serialised with MessageUtil at each version): the lowest version, the
// first flexible one and the highest.
const TOPIC_ID = 'OVYiRMQlhA529RjZiPwS9g';
const codec = (name: string) => new MessageCodec(loadMessageSchema(name));
const encode = (name: string, version: number, value: MessageValue) => {
  const writer = new Writer();
  codec(name).encode(writer, version, value);
  return writer.toBuffer().toString('hex');
};
const decode = (name: string, version: number, hex: string) =>
  codec(name).decode(new Reader(Buffer.from(hex, 'hex')), version);

describe('FetchResponse as Kafka writes it', () => {
  const body = (version: number): MessageValue => ({
    errorCode: 0,
    responses: [
      {
        ...(version < 13 ? { topic: 't' } : { topicId: TOPIC_ID }),
        partitions: [
          {
            partitionIndex: 1,
            errorCode: 0,
            highWatermark: 3,
            lastStableOffset: 3,
            logStartOffset: 0,
            abortedTransactions: [],
            records: Buffer.from('abc'),
          },
        ],
      },
    ],
  });
  it.each([
    [
      4,
      '000000000000000100017400000001000000010000000000000000000300000000000000030000000000000003616263',
    ],
    [
      12,
      '000000000000000000000202740200000001000000000000000000030000000000000003000000000000000001ffffffff04616263000000',
    ],
    [
      18,
      '000000000000000000000239562244c425840e76f518d988fc12f60200000001000000000000000000030000000000000003000000000000000001ffffffff04616263000000',
    ],
  ])('v%i', (version, expected) => {
    expect(encode('FetchResponse', version, body(version))).toBe(expected);
  });
});

describe('MetadataResponse as Kafka writes it', () => {
  const body: MessageValue = {
    brokers: [{ nodeId: 0, host: 'h', port: 9092 }],
    clusterId: 'c',
    controllerId: 0,
    topics: [
      {
        errorCode: 0,
        name: 't',
        topicId: TOPIC_ID,
        partitions: [
          { errorCode: 0, partitionIndex: 0, leaderId: 0, replicaNodes: [0], isrNodes: [0] },
        ],
      },
    ],
  };
  it.each([
    [
      0,
      '000000010000000000016800002384000000010000000174000000010000000000000000000000000001000000000000000100000000',
    ],
    [
      9,
      '00000000020000000002680000238400000263000000000200000274000200000000000000000000ffffffff02000000000200000000010080000000008000000000',
    ],
    [
      13,
      '0000000002000000000268000023840000026300000000020000027439562244c425840e76f518d988fc12f6000200000000000000000000ffffffff0200000000020000000001008000000000000000',
    ],
  ])('v%i', (version, expected) => {
    expect(encode('MetadataResponse', version, body)).toBe(expected);
  });
});

describe('ProduceRequest as Kafka sends it', () => {
  it.each([
    [3, 'ffffffff000075300000000100017400000001000000020000000378797a', { name: 't' }],
    [9, '00ffff0000753002027402000000020478797a000000', { name: 't' }],
    [
      13,
      '00ffff000075300239562244c425840e76f518d988fc12f602000000020478797a000000',
      { topicId: TOPIC_ID },
    ],
  ])('v%i', (version, hex, topic) => {
    const request = decode('ProduceRequest', version, hex);
    expect(request).toMatchObject({ transactionalId: null, acks: -1, timeoutMs: 30000 });
    expect(request.topicData).toEqual([
      {
        name: '',
        topicId: 'AAAAAAAAAAAAAAAAAAAAAA',
        ...topic,
        partitionData: [{ index: 2, records: Buffer.from('xyz') }],
      },
    ]);
  });
});

describe('JoinGroupRequest as Kafka sends it', () => {
  it.each([
    [0, '0001670000271000000008636f6e73756d657200000001000572616e6765000000020102', -1],
    [6, '02670000271000004e20010009636f6e73756d6572020672616e67650301020000', 20000],
    [9, '02670000271000004e20010009636f6e73756d6572020672616e6765030102000000', 20000],
  ])('v%i', (version, hex, rebalanceTimeoutMs) => {
    expect(decode('JoinGroupRequest', version, hex)).toEqual({
      groupId: 'g',
      sessionTimeoutMs: 10000,
      rebalanceTimeoutMs,
      memberId: '',
      groupInstanceId: null,
      protocolType: 'consumer',
      protocols: [{ name: 'range', metadata: Buffer.from([1, 2]) }],
      reason: null,
    });
  });
});

describe('the codec refuses what its definition does not have', () => {
  it('rejects a misspelt field instead of writing a default', () => {
    expect(() => encode('HeartbeatResponse', 4, { errorCod: 0 })).toThrow(
      'HeartbeatResponse has no field errorCod',
    );
  });

  it('rejects a version outside validVersions', () => {
    expect(() => encode('HeartbeatResponse', 5, {})).toThrow('HeartbeatResponse has no version 5');
  });

  it('skips tagged fields it does not know and keeps reading', () => {
    // Heartbeat v4: compact "g", generation 1, compact "m", null instance id, one unknown tag (9) of 2 bytes.
    const request = decode(
      'HeartbeatRequest',
      4,
      '02670000000102' + '6d' + '00' + '01' + '09' + '02' + 'abcd',
    );
    expect(request).toEqual({
      groupId: 'g',
      generationId: 1,
      memberId: 'm',
      groupInstanceId: null,
    });
  });
});
