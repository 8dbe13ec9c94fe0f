import type { LocalPostgres } from '@shop/local-postgres';
import type { ManagedProcess } from './managed-process.js';
import { APPS, type AppName } from './stack-components.js';

/** Everything the stack started, stopped in reverse: apps, then brokers, then PostgreSQL. */
export class OwnedProcesses {
  private readonly processes: ManagedProcess[] = [];
  private postgres: LocalPostgres | undefined;

  add(process: ManagedProcess): ManagedProcess {
    this.processes.push(process);
    return process;
  }

  setPostgres(postgres: LocalPostgres): LocalPostgres {
    this.postgres = postgres;
    return postgres;
  }

  pids(): number[] {
    const pids = this.processes.map((p) => p.pid).filter((pid): pid is number => pid !== undefined);
    return this.postgres ? [...pids, this.postgres.pid] : pids;
  }

  async stopAll(log: (line: string) => void): Promise<void> {
    const isApp = (p: ManagedProcess) => (APP_NAME_SET as Set<string>).has(p.name);
    await stopEach(this.processes.filter(isApp), log);
    await stopEach(this.processes.filter((p) => !isApp(p)), log);
    if (this.postgres) {
      await this.postgres.stop();
      log('postgres     stopped');
      this.postgres = undefined;
    }
  }
}

const APP_NAME_SET = new Set<AppName>(APPS.map((a) => a.name));

async function stopEach(processes: ManagedProcess[], log: (line: string) => void) {
  await Promise.all(
    processes.map(async (p) => {
      if (!p.running) return;
      const code = await p.stop();
      log(`${p.name.padEnd(12)} stopped (exit ${String(code)})`);
    }),
  );
}
