/** A frame whose declared size is negative or above the limit. */
export class FrameTooLargeError extends Error {}

// Splits a TCP byte stream into int32-length-prefixed frames, holding partial
// input as a list of chunks so a large frame is copied once.
export class FrameReader {
  private chunks: Buffer[] = [];
  private buffered = 0;

  constructor(private readonly maxFrameBytes: number) {}

  /** Adds bytes and returns every frame (without its length prefix) now complete. */
  push(chunk: Buffer): Buffer[] {
    this.chunks.push(chunk);
    this.buffered += chunk.length;
    const frames: Buffer[] = [];
    for (;;) {
      if (this.buffered < 4) return frames;
      const first = this.chunks[0];
      const head = first && first.length >= 4 ? first : this.merge();
      const size = head.readInt32BE(0);
      if (size < 0 || size > this.maxFrameBytes) {
        throw new FrameTooLargeError(
          `frame of ${size} bytes exceeds the limit of ${this.maxFrameBytes}`,
        );
      }
      if (this.buffered < 4 + size) return frames;
      const data = this.chunks.length === 1 ? head : this.merge();
      frames.push(data.subarray(4, 4 + size));
      const rest = data.subarray(4 + size);
      this.chunks = rest.length > 0 ? [rest] : [];
      this.buffered = rest.length;
    }
  }

  private merge(): Buffer {
    const merged = Buffer.concat(this.chunks, this.buffered);
    this.chunks = [merged];
    return merged;
  }
}
