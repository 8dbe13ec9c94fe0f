import type { ContainerRuntimeClient, StartedTestContainer } from 'testcontainers';
import type { EngineSpec } from './engine-container.js';

/**
 * A broker in a container as a component of the stack (`@shop/stack`'s
 * `Component`): `stop()` is `docker stop` and `start()` is `docker start` of
 * the same container, so it keeps its published port and its data — a
 * testcontainers `stop()` would remove it. Removed by its owner at the end.
 */
export class ContainerComponent {
  readonly kind = 'broker' as const;
  readonly pid = undefined;
  private isRunning = true;

  constructor(
    private readonly client: ContainerRuntimeClient,
    private readonly container: StartedTestContainer,
    private readonly spec: EngineSpec,
    private readonly timeoutMs: number,
    private readonly log: (line: string) => void = () => undefined,
  ) {}

  get name(): string {
    return this.spec.name;
  }

  get running(): boolean {
    return this.isRunning;
  }

  /** Stops it (SIGTERM, then SIGKILL after 30 s); resolves once the engine says it is stopped. */
  async stop(): Promise<void> {
    if (!this.isRunning) return;
    const started = Date.now();
    await this.client.container.stop(this.handle(), { timeout: 30_000 });
    this.isRunning = false;
    this.log(`${this.name.padEnd(12)} container stopped (${Date.now() - started} ms)`);
  }

  /** Starts the same container again; resolves once it answers its protocol. */
  async start(): Promise<void> {
    if (this.isRunning) return;
    const started = Date.now();
    await this.client.container.start(this.handle());
    this.isRunning = true;
    await this.spec.probe(this.timeoutMs);
    this.log(`${this.name.padEnd(12)} container started, serving (${Date.now() - started} ms)`);
  }

  private handle() {
    return this.client.container.getById(this.container.getId());
  }
}
