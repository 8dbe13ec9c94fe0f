export const FrameType = { method: 1, header: 2, body: 3, heartbeat: 8 } as const;
export const FRAME_END = 0xce;
export const FRAME_OVERHEAD = 8;
/** AMQP's smallest frame_max, the bound before connection.tune-ok. */
export const FRAME_MIN_SIZE = 4096;
export const PROTOCOL_HEADER = Buffer.from('AMQP\x00\x00\x09\x01', 'latin1');

export interface Frame {
  readonly type: number;
  readonly channel: number;
  readonly payload: Buffer;
}

export class FrameError extends Error {}

/**
 * Splits a byte stream into frames. Bytes arrive in arbitrary chunks; a frame
 * may span several chunks and a chunk may hold many frames.
 */
export class FrameParser {
  private pending: Buffer = Buffer.alloc(0);

  constructor(private frameMax: number) {}

  setFrameMax(frameMax: number): void {
    this.frameMax = frameMax;
  }

  *push(chunk: Buffer): Generator<Frame> {
    const data = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
    let offset = 0;
    while (data.length - offset >= 7) {
      const size = data.readUInt32BE(offset + 3);
      // Checked on the 7-byte header, before any payload is kept. RabbitMQ
      // tolerates a payload of frame_max bytes (8 more than it should), so do we.
      if (size > this.frameMax) throw new FrameError(`frame size ${size} exceeds frame_max`);
      const end = offset + 7 + size;
      if (data.length < end + 1) break;
      if (data[end] !== FRAME_END) throw new FrameError('missing frame end octet');
      const frame = {
        type: data.readUInt8(offset),
        channel: data.readUInt16BE(offset + 1),
        payload: data.subarray(offset + 7, end),
      };
      offset = end + 1;
      yield frame;
    }
    this.pending = offset === data.length ? Buffer.alloc(0) : Buffer.from(data.subarray(offset));
  }
}
