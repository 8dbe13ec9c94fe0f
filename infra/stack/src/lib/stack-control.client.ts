import type { StackDescription } from './stack-control.server.js';

/** One component of a stack served by `serveStackControl`, seen from another process. */
export interface RemoteComponent {
  /** Resolves once the process is gone (its ports are free, its data kept). */
  stop(): Promise<void>;
  /** Resolves once it serves again (an app's readiness answers 200; a broker listens). */
  start(): Promise<void>;
}

/** Stops and starts components of a running stack through its control URL. */
export class StackControl {
  constructor(private readonly url: string) {}

  component(name: string): RemoteComponent {
    return {
      stop: () => this.post(`/components/${name}/stop`),
      start: () => this.post(`/components/${name}/start`),
    };
  }

  async describe(): Promise<StackDescription> {
    const res = await fetch(`${this.url}/stack`);
    if (!res.ok) throw new Error(`GET /stack answered ${res.status}: ${await res.text()}`);
    return (await res.json()) as StackDescription;
  }

  private async post(path: string): Promise<void> {
    const res = await fetch(`${this.url}${path}`, {
      method: 'POST',
      signal: AbortSignal.timeout(120_000),
    });
    if (!res.ok) throw new Error(`POST ${path} answered ${res.status}: ${await res.text()}`);
  }
}
