import type { Connection } from './connection.js';

/**
 * Sends a heartbeat every half negotiated interval (amqplib gives up after
 * two silent intervals) and drops a client silent for two whole intervals.
 */
export class Heartbeats {
  private timer: NodeJS.Timeout | undefined;
  private lastReceived = Date.now();

  constructor(private readonly connection: Connection) {}

  start(seconds: number): void {
    if (seconds === 0) return;
    const interval = seconds * 1000;
    this.timer = setInterval(() => {
      const now = Date.now();
      if (now - this.lastReceived > 2 * interval) {
        this.connection.destroy();
        return;
      }
      this.connection.outbox.writer.heartbeat();
      this.connection.outbox.flush();
    }, interval / 2);
    this.timer.unref();
  }

  received(): void {
    this.lastReceived = Date.now();
  }

  stop(): void {
    clearInterval(this.timer);
  }
}
