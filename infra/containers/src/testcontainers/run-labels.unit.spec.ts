import { hostname } from 'node:os';
import type { ContainerRuntimeClient } from 'testcontainers';
import { describe, expect, it } from 'vitest';
import { LABELS, removeLeftovers, removeRun, runLabels } from './run-labels.js';

// A pid no process has: above the kernel's pid_max limit (4194304).
const DEAD_PID = '4194305';

describe('the labels of a run and the removal of leftovers', () => {
  it('labels every container with its run, its owner process and this machine', () => {
    expect(runLabels('r1')).toEqual({
      [LABELS.run]: 'r1',
      [LABELS.ownerPid]: String(process.pid),
      [LABELS.ownerHost]: hostname(),
    });
  });

  it('removes the containers of dead owners on this machine, and no others', async () => {
    const engine = fakeEngine([
      { Id: 'dead-here', Labels: { ...runLabels('a'), [LABELS.ownerPid]: DEAD_PID } },
      { Id: 'alive-here', Labels: runLabels('b') },
      {
        Id: 'dead-elsewhere',
        Labels: { ...runLabels('c'), [LABELS.ownerPid]: DEAD_PID, [LABELS.ownerHost]: 'other' },
      },
    ]);
    expect(await removeLeftovers(engine.client)).toBe(1);
    expect(engine.removed).toEqual(['dead-here']);
    expect(engine.filters).toEqual([{ label: [LABELS.ownerPid] }]);
  });

  it("removes every container of one run, with its volumes, asking the engine by the run's label", async () => {
    const engine = fakeEngine([{ Id: 'x', Labels: runLabels('r2') }]);
    expect(await removeRun(engine.client, 'r2')).toBe(1);
    expect(engine.removed).toEqual(['x']);
    expect(engine.filters).toEqual([{ label: [`${LABELS.run}=r2`] }]);
  });
});

interface Listed {
  Id: string;
  Labels: Record<string, string>;
}

// The engine filters by label itself; the fake returns what it is given.
function fakeEngine(containers: Listed[]) {
  const removed: string[] = [];
  const filters: unknown[] = [];
  const dockerode = {
    listContainers: (options: { filters: unknown }) => {
      filters.push(options.filters);
      return Promise.resolve(containers);
    },
    getContainer: (id: string) => ({
      remove: (options: { force: boolean; v: boolean }) => {
        expect(options).toEqual({ force: true, v: true });
        removed.push(id);
        return Promise.resolve();
      },
    }),
  };
  const client = { container: { dockerode } } as unknown as ContainerRuntimeClient;
  return { client, removed, filters };
}
