import { chmod, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ActiveFault } from './faults/fault-injector.js';
import type { FaultRequestInput } from './faults/fault-request.js';
import type { StackDescription } from './stack-control.server.js';

/** One component of a stack served by `serveStackControl`, seen from another process. */
export interface RemoteComponent {
  /** Resolves once the process is gone (its ports are free, its data kept). */
  stop(): Promise<void>;
  /** Resolves once it serves again (an app's readiness answers 200; a broker listens). */
  start(): Promise<void>;
}

/** What the launcher writes to `<STACK_DATA_DIR>/control.json` (mode 0600) while it serves the control API. */
export interface ControlFile {
  readonly url: string;
  readonly token: string;
}

/** Where a stack with data directory `dataDir` writes its control file. */
export function controlFileOf(dataDir: string): string {
  return join(dataDir, 'control.json');
}

/**
 * Writes the control file (readable by this user only): where `pnpm drill`,
 * the benchmarks and the web app's drills panel find the control API and its token.
 */
export async function writeControlFile(file: string, control: ControlFile): Promise<void> {
  const written: ControlFile = { url: control.url, token: control.token };
  await writeFile(file, JSON.stringify(written), { mode: 0o600 });
  await chmod(file, 0o600);
}

/** The control file is missing: no stack serving its control API with this data directory. */
export class NoControlFileError extends Error {}

/** Stops and starts components of a running stack through its control URL. */
export class StackControl {
  /** `token`: the control server's bearer token (`StackControlServer.token`). */
  constructor(
    private readonly url: string,
    private readonly token: string,
  ) {}

  /** The control API of the stack that wrote `file` (`<STACK_DATA_DIR>/control.json`). */
  static async fromFile(file: string): Promise<StackControl> {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch {
      throw new NoControlFileError(`${file} is missing: no stack serves its control API there`);
    }
    const { url, token } = JSON.parse(text) as ControlFile;
    return new StackControl(url, token);
  }

  component(name: string): RemoteComponent {
    return {
      stop: () => this.post(`/components/${name}/stop`),
      start: () => this.post(`/components/${name}/start`),
    };
  }

  async describe(): Promise<StackDescription> {
    const res = await fetch(`${this.url}/stack`, { headers: this.headers() });
    if (!res.ok) throw new Error(`GET /stack answered ${res.status}: ${await res.text()}`);
    return (await res.json()) as StackDescription;
  }

  private async post(path: string): Promise<void> {
    const res = await fetch(`${this.url}${path}`, {
      method: 'POST',
      headers: this.headers(),
      signal: AbortSignal.timeout(120_000),
    });
    if (!res.ok) throw new Error(`POST ${path} answered ${res.status}: ${await res.text()}`);
  }

  /** Starts a fault (or injects a poison message); resolves with the API's answer. */
  async startFault(request: FaultRequestInput): Promise<unknown> {
    return this.send('POST', '/faults', request);
  }

  /** The faults in force, with their remaining time, and every kind the API knows. */
  async faults(): Promise<{ active: ActiveFault[]; kinds: Record<string, string> }> {
    return (await this.send('GET', '/faults')) as {
      active: ActiveFault[];
      kinds: Record<string, string>;
    };
  }

  /** Lifts one fault early. */
  async liftFault(id: string): Promise<void> {
    await this.send('DELETE', `/faults/${encodeURIComponent(id)}`);
  }

  private async send(method: string, path: string, body?: unknown): Promise<unknown> {
    const res = await fetch(`${this.url}${path}`, {
      method,
      headers: { ...this.headers(), ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
      signal: AbortSignal.timeout(120_000),
    });
    if (!res.ok) throw new Error(`${method} ${path} answered ${res.status}: ${await res.text()}`);
    return res.json();
  }

  private headers(): Record<string, string> {
    return { authorization: `Bearer ${this.token}` };
  }
}
