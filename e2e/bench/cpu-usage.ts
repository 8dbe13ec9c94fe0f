import { readdirSync, readFileSync } from 'node:fs';

// Linux's USER_HZ: /proc reports CPU time in these ticks (100 on every common kernel).
const TICKS_PER_SECOND = 100;

/** CPU seconds (user + system) each process has used so far, by name; processes that are gone are left out. */
export function cpuSeconds(
  processes: readonly { name: string; pid?: number | undefined }[],
): Map<string, number> {
  const used = new Map<string, number>();
  for (const { name, pid } of processes) {
    const stat = pid === undefined ? undefined : readStat(pid);
    if (stat) used.set(name, stat.cpuSeconds);
  }
  return used;
}

/** The postmaster of a backend: its parent process. */
export function parentPid(pid: number): number | undefined {
  return readStat(pid)?.parentPid;
}

/**
 * CPU seconds of a PostgreSQL server: the postmaster and every process it runs (backends, WAL writer,
 * checkpointer...), including those that exited: the kernel adds a reaped
 * child's time to its parent's "children" counters.
 */
export function postgresCpuSeconds(postmaster: number): number {
  const own = readStat(postmaster);
  let total = (own?.cpuSeconds ?? 0) + (own?.reapedChildrenCpuSeconds ?? 0);
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readStat(Number(entry));
    if (stat?.parentPid === postmaster) total += stat.cpuSeconds;
  }
  return total;
}

/** This process's own CPU seconds (the load generator runs here). */
export function ownCpuSeconds(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
}

interface ProcessStat {
  readonly parentPid: number;
  readonly cpuSeconds: number;
  readonly reapedChildrenCpuSeconds: number;
}

function readStat(pid: number): ProcessStat | undefined {
  try {
    // Fields after the command name ")": ppid is the 2nd, utime and stime the
    // 12th and 13th, cutime and cstime (children waited for) the 14th and 15th.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = (i: number) => Number(fields[i]) / TICKS_PER_SECOND;
    return {
      parentPid: Number(fields[1]),
      cpuSeconds: ticks(11) + ticks(12),
      reapedChildrenCpuSeconds: ticks(13) + ticks(14),
    };
  } catch {
    return undefined; // not on this machine (a stack given by URL elsewhere) or exited
  }
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
