import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ManagedProcess } from './managed-process.js';
import type { OwnedProcesses } from './owned-processes.js';
import { StackComponent } from './stack-component.js';
import { BROKERS } from './stack-components.js';
import type { ExternalBrokers, StackPorts } from './stack.config.js';

/** Starts each embedded broker whose CLI is built; the others are reported as not started, with why. */
export async function startBrokers(options: {
  readonly root: string;
  readonly dataDir: string;
  readonly logDir: string;
  readonly ports: StackPorts;
  readonly external: ExternalBrokers;
  readonly log: (line: string) => void;
  readonly owned: OwnedProcesses;
}): Promise<{ notStarted: string[] }> {
  const { root, dataDir, logDir, ports, external, log, owned } = options;
  const notStarted: string[] = [];
  await Promise.all(
    BROKERS.map(async (broker) => {
      const address = external[broker.name];
      if (address !== undefined) {
        log(
          `${broker.name.padEnd(12)} using ${withoutPassword(address)} (not starting the embedded broker)`,
        );
        return;
      }
      const cli = join(root, broker.cli);
      if (!existsSync(cli)) {
        const reason = `${broker.label}: NOT STARTED — ${broker.cli} is not built or not present yet`;
        notStarted.push(reason);
        log(`${broker.name.padEnd(12)} ${reason}`);
        return;
      }
      const args = ['--port', String(broker.port(ports)), '--data-dir', join(dataDir, broker.name)];
      const component = owned.add(
        new StackComponent({
          name: broker.name,
          kind: 'broker',
          spawn: () =>
            ManagedProcess.spawn({
              name: broker.name,
              command: process.execPath,
              args: ['--enable-source-maps', cli, ...args],
              cwd: root,
              env: process.env,
              logFile: join(logDir, `${broker.name}.log`),
            }),
          waitUntilServing: async (child) => {
            await child.waitForLine(/listening on/, 30_000);
          },
        }),
      );
      await component.start();
      log(`${broker.name.padEnd(12)} ready on 127.0.0.1:${broker.port(ports)} — ${broker.label}`);
    }),
  );
  return { notStarted };
}

function withoutPassword(address: string): string {
  return address.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');
}
