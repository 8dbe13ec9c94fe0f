import type { WaitStrategy } from 'testcontainers';
import type { ServingProbe } from './serving.probes.js';

/** testcontainers' wait, by the protocol probe the component also uses after a restart. */
export class ServingWaitStrategy implements WaitStrategy {
  constructor(
    private readonly probe: ServingProbe,
    private startupTimeoutMs: number,
  ) {}

  waitUntilReady(): Promise<void> {
    return this.probe(this.startupTimeoutMs);
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
