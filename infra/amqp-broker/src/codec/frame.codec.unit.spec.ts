import { describe, expect, it } from 'vitest';
import { decodeContentHeader } from './content-header.codec.js';
import { FRAME_END, FrameError, FrameParser, FrameType, type Frame } from './frame.codec.js';
import { FrameWriter } from './frame.writer.js';
import { decodeMethod } from './method.codec.js';

function frame(type: number, channel: number, payload: Buffer): Buffer {
  const head = Buffer.alloc(7);
  head.writeUInt8(type, 0);
  head.writeUInt16BE(channel, 1);
  head.writeUInt32BE(payload.length, 3);
  return Buffer.concat([head, payload, Buffer.from([FRAME_END])]);
}

function parseAll(parser: FrameParser, ...chunks: Buffer[]): Frame[] {
  return chunks.flatMap((chunk) => [...parser.push(chunk)]);
}

describe('frame parser', () => {
  it('splits one chunk holding several frames', () => {
    const bytes = Buffer.concat([
      frame(FrameType.method, 1, Buffer.from('abc')),
      frame(FrameType.heartbeat, 0, Buffer.alloc(0)),
    ]);
    const frames = parseAll(new FrameParser(4096), bytes);
    expect(frames.map((f) => [f.type, f.channel, f.payload.toString()])).toEqual([
      [FrameType.method, 1, 'abc'],
      [FrameType.heartbeat, 0, ''],
    ]);
  });

  it('joins a frame that arrives one byte at a time', () => {
    const bytes = frame(FrameType.body, 7, Buffer.from('payload'));
    const parser = new FrameParser(4096);
    const chunks = [...bytes].map((byte) => Buffer.from([byte]));
    const frames = parseAll(parser, ...chunks);
    expect(frames).toHaveLength(1);
    expect(frames[0]?.channel).toBe(7);
    expect(frames[0]?.payload.toString()).toBe('payload');
  });

  it('takes a payload of frame_max bytes, as RabbitMQ does, and rejects one byte more', () => {
    const parser = new FrameParser(16);
    expect(() => parseAll(parser, frame(FrameType.body, 1, Buffer.alloc(17)))).toThrow(FrameError);
    expect(() =>
      parseAll(new FrameParser(16), frame(FrameType.body, 1, Buffer.alloc(16))),
    ).not.toThrow();
  });

  it('rejects an oversized frame on its 7-byte header, before its payload arrives', () => {
    const header = frame(FrameType.body, 1, Buffer.alloc(0)).subarray(0, 7);
    header.writeUInt32BE(2 ** 31, 3);
    expect(() => parseAll(new FrameParser(131072), header)).toThrow(FrameError);
  });

  it('rejects a frame whose end octet is not 0xCE', () => {
    const bytes = frame(FrameType.method, 1, Buffer.from('x'));
    bytes[bytes.length - 1] = 0;
    expect(() => parseAll(new FrameParser(4096), bytes)).toThrow(/frame end/);
  });
});

describe('frame writer', () => {
  it('writes a heartbeat as the eight bytes of the spec', () => {
    const writer = new FrameWriter();
    writer.heartbeat();
    expect(writer.take()).toEqual(Buffer.from([8, 0, 0, 0, 0, 0, 0, 0xce]));
  });

  it('splits a body into frames of at most frame_max - 8 bytes after its header', () => {
    const writer = new FrameWriter();
    const body = Buffer.from('0123456789abcdefghij');
    writer.content(3, { contentType: 'text/plain' }, body, 16);
    const frames = parseAll(new FrameParser(4096), writer.take());
    expect(frames.map((f) => f.type)).toEqual([
      FrameType.header,
      FrameType.body,
      FrameType.body,
      FrameType.body,
    ]);
    expect(frames.every((f) => f.channel === 3)).toBe(true);
    expect(frames.slice(1).map((f) => f.payload.toString())).toEqual([
      '01234567',
      '89abcdef',
      'ghij',
    ]);
    const header = decodeContentHeader(frames[0]?.payload ?? Buffer.alloc(0));
    expect(header).toEqual({ bodySize: 20, properties: { contentType: 'text/plain' } });
  });

  it('writes no body frame for an empty body', () => {
    const writer = new FrameWriter();
    writer.content(1, {}, Buffer.alloc(0), 4096);
    expect(parseAll(new FrameParser(4096), writer.take()).map((f) => f.type)).toEqual([
      FrameType.header,
    ]);
  });

  it('batches frames until taken, then starts afresh', () => {
    const writer = new FrameWriter();
    writer.method(1, 'ChannelOpenOk', { channelId: Buffer.alloc(0) });
    writer.method(1, 'BasicQosOk', {});
    const frames = parseAll(new FrameParser(4096), writer.take());
    expect(frames.map((f) => decodeMethod(f.payload).name)).toEqual([
      'ChannelOpenOk',
      'BasicQosOk',
    ]);
    expect(writer.size).toBe(0);
  });
});
