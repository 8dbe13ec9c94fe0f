import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** The postmaster's process id from `postmaster.pid`, if that file exists. */
export async function readPostmasterPid(dataDir: string): Promise<number | undefined> {
  try {
    const firstLine = (await readFile(join(dataDir, 'postmaster.pid'), 'utf8')).split('\n')[0];
    const pid = Number(firstLine);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else (e.g. the postgres user).
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
