import type { WaitStrategy } from 'testcontainers';
import type { ServingProbe } from './serving.probes.js';

/** testcontainers' wait, by the protocol probe the component also uses after a restart. */
export class ServingWaitStrategy implements WaitStrategy {
  constructor(
    private readonly probe: ServingProbe,
    private startupTimeoutMs: number,
  ) {}

  /** Probes until it serves; gives up as soon as the container is no longer running. */
  async waitUntilReady(container: Parameters<WaitStrategy['waitUntilReady']>[0]): Promise<void> {
    let exited = false;
    const watch = setInterval(() => {
      container.inspect().then(
        (info) => (exited = !info.State.Running),
        () => (exited = true),
      );
    }, 1_000);
    try {
      await this.probe(this.startupTimeoutMs, () => exited);
    } finally {
      clearInterval(watch);
    }
  }

  withStartupTimeout(startupTimeoutMs: number): this {
    this.startupTimeoutMs = startupTimeoutMs;
    return this;
  }

  isStartupTimeoutSet(): boolean {
    return true;
  }

  getStartupTimeout(): number {
    return this.startupTimeoutMs;
  }
}
