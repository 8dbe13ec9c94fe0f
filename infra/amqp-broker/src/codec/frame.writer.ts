import { writeContentHeader, type MessageProperties } from './content-header.codec.js';
import { Writer } from './field-table.writer.js';
import { FRAME_END, FRAME_OVERHEAD, FrameType } from './frame.codec.js';
import type { MethodArgs, MethodName } from './method-definitions.js';
import { writeMethod } from './method.codec.js';

/**
 * Serialises outgoing frames into one growing buffer, so that everything a
 * connection produces in one event-loop turn goes out in a single write.
 */
export class FrameWriter {
  private out = new Writer(64 * 1024);

  get size(): number {
    return this.out.offset;
  }

  method<N extends MethodName>(channel: number, name: N, args: MethodArgs<N>): void {
    this.frame(FrameType.method, channel, (w) => {
      writeMethod(w, name, args);
    });
  }

  /** A content header frame followed by body frames of at most frameMax - 8 bytes. */
  content(channel: number, properties: MessageProperties, body: Buffer, frameMax: number): void {
    this.frame(FrameType.header, channel, (w) => {
      writeContentHeader(w, body.length, properties);
    });
    const chunk = frameMax - FRAME_OVERHEAD;
    for (let at = 0; at < body.length; at += chunk) {
      const part = body.subarray(at, Math.min(body.length, at + chunk));
      this.frame(FrameType.body, channel, (w) => {
        w.bytes(part);
      });
    }
  }

  heartbeat(): void {
    this.frame(FrameType.heartbeat, 0, () => undefined);
  }

  /** Hands over everything written so far and starts afresh. */
  take(): Buffer {
    const bytes = Buffer.from(this.out.result());
    this.out.offset = 0;
    return bytes;
  }

  private frame(type: number, channel: number, body: (w: Writer) => void): void {
    const w = this.out;
    w.u8(type);
    w.u16(channel);
    const sizeAt = w.offset;
    w.u32(0);
    body(w);
    w.buffer.writeUInt32BE(w.offset - sizeAt - 4, sizeAt);
    w.u8(FRAME_END);
  }
}
