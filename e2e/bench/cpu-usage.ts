import { readFileSync } from 'node:fs';

// Linux's USER_HZ: /proc reports CPU time in these ticks (100 on every common kernel).
const TICKS_PER_SECOND = 100;

/** CPU seconds (user + system) each process has used so far, by name; processes that are gone are left out. */
export function cpuSeconds(
  processes: readonly { name: string; pid?: number | undefined }[],
): Map<string, number> {
  const used = new Map<string, number>();
  for (const { name, pid } of processes) {
    if (pid === undefined) continue;
    try {
      // Fields after the command name ")": utime and stime are the 12th and 13th.
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      used.set(name, (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND);
    } catch {
      // not on this machine (a stack given by URL elsewhere) or exited
    }
  }
  return used;
}

/** CPU milliseconds per order, per process, between two readings. */
export function cpuMsPerOrder(
  before: Map<string, number>,
  after: Map<string, number>,
  orders: number,
): string {
  return [...after]
    .map(
      ([name, s]) => [name, ((s - (before.get(name) ?? s)) * 1000) / Math.max(orders, 1)] as const,
    )
    .sort((a, b) => b[1] - a[1])
    .map(([name, ms]) => `${name} ${ms.toFixed(1)}`)
    .join(', ');
}
