// Micro-benchmark (not a test): the message-definition codec against the
// hand-written Reader/Writer sequences it replaced, on the two hot paths —
// decoding a Produce v7 request and encoding a Fetch v11 response, 3 partitions
// of 100 KiB records each. Records are views/copies the same way in both.
//   pnpm --filter @shop/kafka-broker bench:codec     (builds, then runs this on dist/)
import type * as ReaderModule from '../src/protocol/reader.js';
import type * as CodecModule from '../src/protocol/schema/message-codec.js';
import type * as SchemaModule from '../src/protocol/schema/message-schema.js';
import type * as WriterModule from '../src/protocol/writer.js';

// The built modules, typed by their sources (Node runs this file without a bundler).
const dist = new URL('../dist/protocol/', import.meta.url).href;
const { Reader } = (await import(`${dist}reader.js`)) as typeof ReaderModule;
const { Writer } = (await import(`${dist}writer.js`)) as typeof WriterModule;
const { MessageCodec } = (await import(`${dist}schema/message-codec.js`)) as typeof CodecModule;
const { loadMessageSchema } = (await import(
  `${dist}schema/message-schema.js`
)) as typeof SchemaModule;
type Reader = ReaderModule.Reader;

const RECORDS = [0, 1, 2].map(() => Buffer.alloc(100 * 1024, 7));
const produceRequest = new MessageCodec(loadMessageSchema('ProduceRequest'));
const fetchResponse = new MessageCodec(loadMessageSchema('FetchResponse'));

const produceFrame = (() => {
  const writer = new Writer();
  writer.string(null).int16(1).int32(30_000).int32(1).string('bench');
  writer.int32(RECORDS.length);
  for (const [index, records] of RECORDS.entries()) writer.int32(index).bytes(records);
  return Buffer.from(writer.toBuffer());
})();

// The hand-written decoding the Produce handler had before.
function decodeProduceByHand(reader: Reader) {
  reader.nullableString();
  const acks = reader.int16();
  reader.int32();
  const topics = [];
  for (let topic = reader.int32(); topic > 0; topic--) {
    const name = reader.nullableString() ?? '';
    const partitions = [];
    for (let partition = reader.int32(); partition > 0; partition--) {
      const index = reader.int32();
      partitions.push({ index, records: reader.slice(reader.int32()) });
    }
    topics.push({ name, partitions });
  }
  return { acks, topics };
}

// The hand-written encoding the Fetch handler had before.
function encodeFetchByHand(): Buffer {
  const out = new Writer().int32(0).int32(7).int32(0).int16(0).int32(0);
  out.int32(1).string('bench').int32(RECORDS.length);
  for (const [index, records] of RECORDS.entries()) {
    out.int32(index).int16(0).int64(1000).int64(1000).int64(0).int32(0).int32(-1).bytes(records);
  }
  return out.toBuffer();
}

function encodeFetchByCodec(): Buffer {
  const out = new Writer().int32(0).int32(7);
  fetchResponse.encode(out, 11, {
    errorCode: 0,
    responses: [
      {
        topic: 'bench',
        partitions: RECORDS.map((records, partitionIndex) => ({
          partitionIndex,
          errorCode: 0,
          highWatermark: 1000,
          lastStableOffset: 1000,
          logStartOffset: 0,
          abortedTransactions: [],
          records,
        })),
      },
    ],
  });
  return out.toBuffer();
}

if (!encodeFetchByHand().equals(encodeFetchByCodec())) throw new Error('the two encoders differ');

// Median nanoseconds per call over interleaved rounds of ~200 ms each.
function measure(cases: Record<string, () => void>): Record<string, number> {
  const samples: Record<string, number[]> = {};
  for (const run of Object.values(cases)) for (let index = 0; index < 2000; index++) run();
  for (let round = 0; round < 7; round++) {
    for (const [name, run] of Object.entries(cases)) {
      let calls = 0;
      const started = process.hrtime.bigint();
      let elapsed = 0n;
      while (elapsed < 200_000_000n) {
        for (let index = 0; index < 100; index++) run();
        calls += 100;
        elapsed = process.hrtime.bigint() - started;
      }
      (samples[name] ??= []).push(Number(elapsed) / calls);
    }
  }
  return Object.fromEntries(
    Object.entries(samples).map(([name, values]) => {
      const sorted = values.sort((a, b) => a - b);
      return [name, Math.round(sorted[Math.floor(sorted.length / 2)] ?? 0)];
    }),
  );
}

const produce = measure({
  'hand-written (before)': () => decodeProduceByHand(new Reader(produceFrame)),
  'codec over the definition': () => produceRequest.decode(new Reader(produceFrame), 7),
});
const fetch = measure({
  'hand-written (before)': () => encodeFetchByHand(),
  'codec over the definition': () => encodeFetchByCodec(),
});
console.table(
  Object.keys(produce).map((way) => ({
    way,
    'Produce v7 request decode, ns': produce[way],
    'Fetch v11 response encode (3 × 100 KiB), ns': fetch[way],
  })),
);
