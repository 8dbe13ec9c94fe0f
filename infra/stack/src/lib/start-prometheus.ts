import { spawnSync } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ManagedProcess } from './managed-process.js';
import type { OwnedProcesses } from './owned-processes.js';
import { prometheusConfig } from './prometheus-config.js';
import { StackComponent } from './stack-component.js';
import { APPS, type StackAddresses } from './stack-components.js';
import { waitUntilReady } from './wait-until.js';

/** The alert rules every Prometheus of the project loads (checked in npm test). */
export const ALERT_RULES = 'infra/stack/prometheus/alert-rules.yml';

export interface PrometheusStart {
  /** Its UI and query API, when it runs. */
  readonly url?: string;
  /** Why it was asked for and did not start. */
  readonly notStarted?: string;
}

/** Whether Debian's `prometheus` is on PATH (tools/ci/install-prometheus.sh installs it). */
export function prometheusInstalled(binary = 'prometheus'): boolean {
  return spawnSync(binary, ['--version'], { stdio: 'ignore' }).status === 0;
}

/**
 * With `STACK_PROMETHEUS=on`, starts Debian's Prometheus on loopback, scraping
 * every app's `/metrics` every few seconds (a generated prometheus.yml in
 * `<data>/prometheus/`) with the alert rules loaded. Off by default: the stack
 * starts no faster with it, and the lab commands work without it (curl).
 */
export async function startPrometheus(options: {
  readonly root: string;
  readonly dataDir: string;
  readonly logDir: string;
  readonly at: StackAddresses;
  readonly metricsToken: string;
  readonly readyTimeoutMs: number;
  readonly log: (line: string) => void;
  readonly owned: OwnedProcesses;
}): Promise<PrometheusStart> {
  const { root, dataDir, logDir, at, readyTimeoutMs, log, owned } = options;
  if (!prometheusInstalled()) {
    const notStarted =
      'prometheus: NOT STARTED — not installed (Debian: apt-get install prometheus, or bash tools/ci/install-prometheus.sh)';
    log(`prometheus   ${notStarted}`);
    return { notStarted };
  }
  const home = join(dataDir, 'prometheus');
  await mkdir(join(home, 'data'), { recursive: true });
  const configFile = join(home, 'prometheus.yml');
  await writeFile(
    configFile,
    prometheusConfig({
      targets: APPS.map((app) => ({ job: app.name, address: `127.0.0.1:${app.port(at.ports)}` })),
      metricsToken: options.metricsToken,
      ruleFiles: [join(root, ALERT_RULES)],
      scrapeIntervalSeconds: 5,
    }),
  );
  const port = at.ports.PROMETHEUS_PORT;
  const url = `http://127.0.0.1:${port}`;
  const component = owned.add(
    new StackComponent({
      name: 'prometheus',
      kind: 'collector',
      spawn: () =>
        ManagedProcess.spawn({
          name: 'prometheus',
          command: 'prometheus',
          args: [
            `--config.file=${configFile}`,
            `--storage.tsdb.path=${join(home, 'data')}`,
            '--storage.tsdb.retention.time=2d',
            `--web.listen-address=127.0.0.1:${port}`,
          ],
          cwd: home,
          env: process.env,
          logFile: join(logDir, 'prometheus.log'),
        }),
      waitUntilServing: (child) => waitUntilReady(`${url}/-/ready`, child, readyTimeoutMs),
      readiness: `${url}/-/ready to answer 200`,
    }),
  );
  await component.start();
  log(`prometheus   ready on ${url} — scraping every app's /metrics every 5 s, alert rules loaded`);
  return { url };
}
