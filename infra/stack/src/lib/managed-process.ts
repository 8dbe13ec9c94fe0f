import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { ExitStatus } from './restart-policy.js';

export interface ManagedProcessOptions {
  readonly name: string;
  readonly command: string;
  readonly args: readonly string[];
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  /** stdout and stderr are appended here, line by line. */
  readonly logFile: string;
  /** Run as this user and group (only when the stack runs as root). */
  readonly uid?: number | undefined;
  readonly gid?: number | undefined;
  /**
   * Run it in a process group of its own and signal the whole group: for a
   * wrapper script whose real server is its child (rabbitmq-server's sh and
   * Erlang VM), so a SIGKILL cannot leave the server behind.
   */
  readonly processGroup?: boolean;
  readonly onLine?: (line: string) => void;
}

/** A child process the stack owns: its output goes to a log file, and it is stopped by PID only. */
export class ManagedProcess {
  readonly exited: Promise<number | null>;
  private readonly tail: string[] = [];
  private readonly lineListeners = new Set<(line: string) => void>();
  private exitCode: number | null | undefined;
  private exit: ExitStatus | undefined;

  private constructor(
    readonly name: string,
    private readonly child: ReturnType<typeof spawn>,
    private readonly options: ManagedProcessOptions,
  ) {
    const log = createWriteStream(options.logFile, { flags: 'a' });
    for (const stream of [child.stdout, child.stderr]) {
      if (!stream) continue;
      createInterface({ input: stream }).on('line', (line) => {
        log.write(`${line}\n`);
        this.tail.push(line);
        if (this.tail.length > 40) this.tail.shift();
        options.onLine?.(line);
        for (const listener of this.lineListeners) listener(line);
      });
    }
    this.exited = new Promise((resolve) => {
      child.once('exit', (code, signal) => {
        this.exit = { code, signal };
        this.exitCode = code ?? (signal ? null : 0);
        log.end();
        resolve(this.exitCode);
      });
    });
  }

  static spawn(options: ManagedProcessOptions): ManagedProcess {
    const child = spawn(options.command, [...options.args], {
      cwd: options.cwd,
      env: options.env,
      ...(options.uid === undefined ? {} : { uid: options.uid, gid: options.gid }),
      detached: options.processGroup === true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return new ManagedProcess(options.name, child, options);
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  get running(): boolean {
    return this.exitCode === undefined;
  }

  /** How it ended (exit code or signal); undefined while it runs. */
  get exitStatus(): ExitStatus | undefined {
    return this.exit;
  }

  /** Resolves at the first output line matching `pattern`; rejects if the process exits or time runs out. */
  waitForLine(pattern: RegExp, timeoutMs: number): Promise<string> {
    return new Promise((resolve, reject) => {
      const done = (settle: () => void) => {
        clearTimeout(timer);
        this.lineListeners.delete(listener);
        settle();
      };
      const listener = (line: string) => {
        if (pattern.test(line))
          done(() => {
            resolve(line);
          });
      };
      const timer = setTimeout(() => {
        done(() => {
          reject(new Error(`${this.name} did not print ${String(pattern)} within ${timeoutMs} ms`));
        });
      }, timeoutMs);
      this.lineListeners.add(listener);
      void this.exited.then((code) => {
        done(() => {
          reject(new Error(`${this.name} exited (code ${String(code)}):\n${this.lastLines()}`));
        });
      });
    });
  }

  /** The last lines it wrote, for error messages. */
  lastLines(count = 15): string {
    return this.tail.slice(-count).join('\n');
  }

  /** SIGTERM, then SIGKILL if it has not exited within the grace period. Resolves once it is gone. */
  async stop(graceMs = 10_000): Promise<number | null> {
    if (!this.running) return this.exited;
    this.signal('SIGTERM');
    const timer = setTimeout(() => {
      this.signal('SIGKILL');
    }, graceMs);
    try {
      return await this.exited;
    } finally {
      clearTimeout(timer);
    }
  }

  private signal(signal: NodeJS.Signals): void {
    const pid = this.child.pid;
    if (this.options.processGroup !== true || pid === undefined) {
      this.child.kill(signal);
      return;
    }
    try {
      process.kill(-pid, signal);
    } catch {
      // The group is gone already.
    }
  }
}
