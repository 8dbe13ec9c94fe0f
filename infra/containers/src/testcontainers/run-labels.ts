import { hostname } from 'node:os';
import type { ContainerRuntimeClient } from 'testcontainers';

/** Every container of a run carries these; a run is one owner process. */
export const LABELS = {
  run: 'course-shop.run',
  ownerPid: 'course-shop.owner-pid',
  ownerHost: 'course-shop.owner-host',
} as const;

export function runLabels(runId: string): Record<string, string> {
  return {
    [LABELS.run]: runId,
    [LABELS.ownerPid]: String(process.pid),
    [LABELS.ownerHost]: hostname(),
  };
}

/** Removes (forcibly, with their anonymous volumes) every container of one run. */
export async function removeRun(client: ContainerRuntimeClient, runId: string): Promise<number> {
  return removeWhere(client, `${LABELS.run}=${runId}`, () => true);
}

/**
 * Removes the containers of runs whose owner process on this machine is gone
 * (a test run killed before its teardown): Ryuk would do it, but cannot run
 * everywhere (no registry, rootful podman).
 */
export async function removeLeftovers(client: ContainerRuntimeClient): Promise<number> {
  return removeWhere(
    client,
    LABELS.ownerPid,
    (labels) =>
      labels[LABELS.ownerHost] === hostname() && !isAlive(Number(labels[LABELS.ownerPid])),
  );
}

async function removeWhere(
  client: ContainerRuntimeClient,
  label: string,
  select: (labels: Record<string, string>) => boolean,
): Promise<number> {
  const { dockerode } = client.container;
  const found = await dockerode.listContainers({ all: true, filters: { label: [label] } });
  const chosen = found.filter((info) => select(info.Labels));
  await Promise.all(
    chosen.map((info) => dockerode.getContainer(info.Id).remove({ force: true, v: true })),
  );
  return chosen.length;
}

function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: alive, but someone else's.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
