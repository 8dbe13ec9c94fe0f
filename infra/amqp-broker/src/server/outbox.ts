import type { Socket } from 'node:net';
import { FrameWriter } from '../codec/frame.writer.js';
import type { MethodArgs, MethodName } from '../codec/method-definitions.js';

const WRITE_HIGH_WATER = 4 * 1024 * 1024;

/**
 * The frames a connection has yet to write: gathered in one buffer and
 * written once per event-loop turn, so a burst of deliveries is one syscall.
 */
export class Outbox {
  readonly writer = new FrameWriter();
  private flushScheduled = false;
  private readonly beforeFlush = new Set<() => void>();

  constructor(private readonly socket: Socket) {}

  send<N extends MethodName>(channel: number, name: N, args: MethodArgs<N>): void {
    this.writer.method(channel, name, args);
    this.scheduleFlush();
  }

  /** Runs `hook` right before the next write (channels batch confirms this way). */
  onNextFlush(hook: () => void): void {
    this.beforeFlush.add(hook);
    this.scheduleFlush();
  }

  scheduleFlush(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    setImmediate(() => {
      this.flush();
    });
  }

  flush(): void {
    this.flushScheduled = false;
    for (const hook of this.beforeFlush) hook();
    this.beforeFlush.clear();
    if (this.writer.size === 0 || this.socket.destroyed) return;
    // Stop reading while the client does not keep up: publishers then wait on TCP.
    if (!this.socket.write(this.writer.take()) && this.socket.writableLength > WRITE_HIGH_WATER)
      this.socket.pause();
  }
}
