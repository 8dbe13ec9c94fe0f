import { createConnection, createServer, type Server, type Socket } from 'node:net';

/** What a lossy link does while impaired. */
export interface LinkImpairment {
  /** Share (0–1) of the dependency's answers replaced by a reset of their connection. */
  readonly resetRate: number;
  /** Extra delay per chunk, uniform between min and max ms, in either direction (order kept). */
  readonly latencyMs?: { readonly min: number; readonly max: number } | undefined;
}

/**
 * A TCP proxy on 127.0.0.1 in front of one dependency (checkout → payment's
 * gRPC port), for the `network-lossy` fault (docs/drills.md). Healthy, it
 * passes bytes through untouched. Impaired, it resets the connection instead
 * of delivering `resetRate` of the chunks the dependency sends back: the
 * request reached the dependency, which may have acted on it, but the caller
 * never hears the answer — the uncertain outcome a retry must not double.
 * A connection's first chunk back (the dependency's greeting: HTTP/2's
 * SETTINGS) always passes, so the caller sees an established connection
 * dropped, as a flaky network does, and reconnects at once rather than
 * backing off as from a refused one.
 */
export class LossyLink {
  private impairment: LinkImpairment | undefined;
  private readonly sockets = new Set<Socket>();
  private resetCount = 0;

  private constructor(
    private readonly server: Server,
    readonly port: number,
    private readonly random: () => number,
  ) {}

  /** Listens on 127.0.0.1 (`port` 0: any free port) and forwards to `target` on 127.0.0.1. */
  static async open(
    target: { readonly port: number },
    options: { readonly port?: number; readonly random?: () => number } = {},
  ): Promise<LossyLink> {
    const server = createServer();
    const port = await new Promise<number>((resolve, reject) => {
      server.once('error', reject);
      server.listen({ host: '127.0.0.1', port: options.port ?? 0, exclusive: true }, () => {
        const address = server.address();
        resolve(typeof address === 'object' && address ? address.port : 0);
      });
    });
    const link = new LossyLink(server, port, options.random ?? Math.random);
    server.on('connection', (caller) => {
      link.accept(caller, target.port);
    });
    return link;
  }

  /** Where callers connect instead of the dependency: `127.0.0.1:<port>`. */
  get address(): string {
    return `127.0.0.1:${this.port}`;
  }

  /** Connections reset so far (each impaired period adds to it). */
  get resets(): number {
    return this.resetCount;
  }

  impair(impairment: LinkImpairment): void {
    this.impairment = impairment;
  }

  heal(): void {
    this.impairment = undefined;
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => {
      this.server.close(() => {
        resolve();
      });
    });
  }

  private accept(caller: Socket, targetPort: number): void {
    this.track(caller);
    const upstream = createConnection({ host: '127.0.0.1', port: targetPort });
    this.track(upstream);
    // Either side failing or closing ends the other: the caller sees what a dropped link looks like.
    const end = () => {
      caller.destroy();
      upstream.destroy();
    };
    caller.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
    this.forward(caller, upstream, () => false);
    let greeted = false;
    this.forward(upstream, caller, () => {
      const greeting = !greeted;
      greeted = true;
      if (greeting || !this.chance()) return false;
      this.reset(caller);
      upstream.destroy();
      return true;
    });
  }

  // Copies chunks from → to, each after the impairment's latency, never out of order;
  // `dropped` may reset the link instead of delivering a chunk.
  private forward(from: Socket, to: Socket, dropped: () => boolean): void {
    let notBefore = 0;
    from.on('data', (chunk: Buffer) => {
      if (dropped()) return;
      const latency = this.impairment?.latencyMs;
      const delay = latency ? latency.min + this.random() * (latency.max - latency.min) : 0;
      const at = Math.max(Date.now() + delay, notBefore);
      notBefore = at;
      const write = () => {
        if (to.destroyed) return;
        // Backpressure: stop reading until the slower side has taken what it was given.
        if (!to.write(chunk) && !from.isPaused()) {
          from.pause();
          to.once('drain', () => from.resume());
        }
      };
      if (at <= Date.now()) write();
      else setTimeout(write, at - Date.now());
    });
  }

  private chance(): boolean {
    const rate = this.impairment?.resetRate ?? 0;
    return rate > 0 && this.random() < rate;
  }

  private reset(socket: Socket): void {
    this.resetCount += 1;
    // A TCP RST, as a middlebox or a dying peer would send: the caller sees ECONNRESET.
    socket.resetAndDestroy();
  }

  private track(socket: Socket): void {
    this.sockets.add(socket);
    socket.once('close', () => this.sockets.delete(socket));
  }
}
