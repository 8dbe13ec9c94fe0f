import { closeSync, constants, fsyncSync, openSync, readSync, rmSync, writeSync } from 'node:fs';

/** Where one segment's raw batches live: a file, or a buffer when not persisting. */
export interface SegmentStorage {
  readonly byteSize: number;
  append(batch: Buffer): void;
  /** Bytes `[position, position + length)`; the caller keeps within byteSize. */
  read(position: number, length: number): Buffer;
  flush(): void;
  close(): void;
  remove(): void;
}

export class MemorySegmentStorage implements SegmentStorage {
  private buffer = Buffer.allocUnsafe(0);
  private length = 0;

  get byteSize(): number {
    return this.length;
  }

  append(batch: Buffer): void {
    const needed = this.length + batch.length;
    if (needed > this.buffer.length) {
      const grown = Buffer.allocUnsafe(Math.max(needed, this.buffer.length * 2, 64 * 1024));
      this.buffer.copy(grown, 0, 0, this.length);
      this.buffer = grown;
    }
    batch.copy(this.buffer, this.length);
    this.length = needed;
  }

  read(position: number, length: number): Buffer {
    return this.buffer.subarray(position, position + length);
  }

  flush(): void {
    // Nothing to flush: memory is the storage.
  }

  close(): void {
    this.buffer = Buffer.allocUnsafe(0);
  }

  remove(): void {
    this.close();
  }
}

// Synchronous positional I/O: appends and reads hit the page cache, and keeping
// them synchronous makes offset assignment trivially ordered.
export class FileSegmentStorage implements SegmentStorage {
  private readonly fd: number;

  constructor(
    readonly path: string,
    private size: number,
  ) {
    this.fd = openSync(path, constants.O_RDWR | constants.O_CREAT);
  }

  get byteSize(): number {
    return this.size;
  }

  append(batch: Buffer): void {
    let written = 0;
    while (written < batch.length) {
      written += writeSync(this.fd, batch, written, batch.length - written, this.size + written);
    }
    this.size += batch.length;
  }

  read(position: number, length: number): Buffer {
    const target = Buffer.allocUnsafe(length);
    let done = 0;
    while (done < length) {
      const count = readSync(this.fd, target, done, length - done, position + done);
      if (count === 0) break;
      done += count;
    }
    return target.subarray(0, done);
  }

  flush(): void {
    fsyncSync(this.fd);
  }

  close(): void {
    closeSync(this.fd);
  }

  remove(): void {
    this.close();
    rmSync(this.path, { force: true });
  }
}
