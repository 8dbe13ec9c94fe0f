import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';

/** A bare server in its own process, as the services are. */
export interface Baseline {
  readonly port: number;
  readonly pid: number;
  readonly stop: () => Promise<void>;
}

const STARTUP_TIMEOUT_MS = 30_000;

/**
 * Runs `baselines/<file>` (TypeScript, through tsx) with the bytes to serve, and waits for its port.
 * `preload`: a module to `--import` first (the tracing preload), `env`: added to this process's.
 */
export async function startBaseline(
  file: string,
  payload: string,
  { preload, env = {} }: { preload?: string; env?: Record<string, string> } = {},
): Promise<Baseline> {
  const child = spawn(
    process.execPath,
    [
      ...(preload ? ['--import', preload] : []),
      '--conditions=@shop/source',
      '--import',
      'tsx',
      new URL(file, import.meta.url).pathname,
    ],
    {
      cwd: new URL('../../..', import.meta.url).pathname, // e2e/, where tsx is installed
      env: { ...process.env, ...env, BENCH_PAYLOAD: payload },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  try {
    const port = await firstLinePort(child, file);
    const pid = child.pid ?? 0;
    return { port, pid, stop: () => stop(child) };
  } catch (error) {
    await stop(child);
    throw error;
  }
}

function firstLinePort(child: ChildProcess, file: string): Promise<number> {
  return new Promise((resolve, reject) => {
    if (!child.stdout) throw new Error(`${file}: no stdout`);
    const timer = setTimeout(() => {
      fail(new Error(`${file} did not listen within ${STARTUP_TIMEOUT_MS} ms`));
    }, STARTUP_TIMEOUT_MS);
    const onExit = (code: number | null) => {
      fail(new Error(`${file} exited (${String(code)}) before it listened`));
    };
    const fail = (error: Error) => {
      clearTimeout(timer);
      child.off('exit', onExit);
      reject(error);
    };
    child.once('exit', onExit);
    createInterface({ input: child.stdout }).once('line', (line) => {
      clearTimeout(timer);
      child.off('exit', onExit);
      resolve((JSON.parse(line) as { port: number }).port);
    });
  });
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  await exited;
}
