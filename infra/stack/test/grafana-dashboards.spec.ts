// Grafana cannot run here (no image registry), so what docker compose
// --profile observability would load is checked instead: each dashboard is
// JSON with what Grafana needs, every PromQL expression parses (promtool check
// rules, Debian's package), every metric it reads is one the services expose
// (the families of docs/metrics.md), and compose's prometheus.yml passes
// promtool check config with the alert rules.
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findRepoRoot } from '../src/index.js';
import { ALERT_RULES, prometheusInstalled } from '../src/lib/start-prometheus.js';

const run = promisify(execFile);
const root = findRepoRoot(import.meta.dirname);
const grafana = join(root, 'infra/observability/grafana');
const dashboardDir = join(grafana, 'dashboards');
const PROMETHEUS_UID = 'prometheus';

interface Target {
  readonly refId?: string;
  readonly expr?: string;
  readonly datasource?: { readonly type?: string; readonly uid?: string };
}
interface Panel {
  readonly id?: number;
  readonly type?: string;
  readonly title?: string;
  readonly datasource?: { readonly type?: string; readonly uid?: string };
  readonly gridPos?: { h: number; w: number; x: number; y: number };
  readonly targets?: readonly Target[];
}
interface Dashboard {
  readonly uid?: string;
  readonly title?: string;
  readonly schemaVersion?: number;
  readonly panels?: readonly Panel[];
}

const files = readdirSync(dashboardDir).filter((f) => f.endsWith('.json'));
const dashboards = files.map(
  (file) =>
    [file, JSON.parse(readFileSync(join(dashboardDir, file), 'utf8')) as Dashboard] as const,
);
const queryPanels = (d: Dashboard) => (d.panels ?? []).filter((p) => p.type !== 'row');
const expressions = dashboards.flatMap(([file, d]) =>
  queryPanels(d).flatMap((p) =>
    (p.targets ?? []).map((t) => ({ where: `${file}: ${p.title ?? '?'}`, expr: t.expr ?? '' })),
  ),
);

/**
 * Grafana's interval variables are not PromQL: a query sees them replaced by a
 * duration, as promtool does here.
 */
const asPromQL = (expr: string) => expr.replace(/\$__(rate_interval|interval|range)/g, '5m');

const KEYWORDS = new Set(['and', 'or', 'unless', 'bool', 'offset', 'inf', 'nan']);

/** The metric names an expression selects: no label name, function or keyword. */
function metricNames(expr: string): string[] {
  const bare = asPromQL(expr)
    .replace(/"(?:[^"\\]|\\.)*"/g, '""') // strings
    .replace(/\{[^}]*\}/g, ' ') // label matchers
    .replace(/\[[^\]]*\]/g, ' ') // ranges
    .replace(/\b(?:by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, ' '); // groupings
  return [...bare.matchAll(/(?<![\w.])([a-zA-Z_:][\w:]*)(?![\w:])(?!\s*\()/g)]
    .map((m) => m[1] ?? '')
    .filter((name) => !KEYWORDS.has(name.toLowerCase()));
}

/**
 * What the services expose: the families docs/metrics.md lists (each proven by
 * a test that scrapes it), a histogram's three series, Prometheus' own `up`,
 * and the alert rules' recorded series.
 */
function exposedNames(): Set<string> {
  const doc = readFileSync(join(root, 'docs/metrics.md'), 'utf8');
  const families = doc
    .split('\n')
    .filter((line) => line.startsWith('| `'))
    .flatMap((line) => [...(line.split('|')[1] ?? '').matchAll(/`([a-z_:][\w:]*)`/g)])
    .map((m) => m[1] ?? '');
  const names = new Set(['up']);
  for (const name of families) {
    names.add(name);
    if (name.endsWith('_duration'))
      for (const s of ['_bucket', '_sum', '_count']) names.add(name + s);
  }
  const rules = readFileSync(join(root, ALERT_RULES), 'utf8');
  for (const m of rules.matchAll(/- record: (\S+)/g)) names.add(m[1] ?? '');
  return names;
}

describe('the Grafana dashboards (infra/observability/grafana)', () => {
  it('has the overview and one dashboard per pattern, each with a unique uid, a title and panels', () => {
    expect(files.sort()).toEqual([
      'shop-consumers.json',
      'shop-outbox.json',
      'shop-purchase-flow.json',
      'shop-resilience.json',
    ]);
    const uids = dashboards.map(([, d]) => d.uid);
    expect(new Set(uids).size).toBe(uids.length);
    for (const [file, d] of dashboards) {
      expect(d.uid, file).toMatch(/^[\w-]{1,40}$/);
      expect(d.title, file).toEqual(expect.any(String));
      expect(d.schemaVersion, file).toEqual(expect.any(Number));
      expect(queryPanels(d).length, file).toBeGreaterThan(0);
      const ids = (d.panels ?? []).map((p) => p.id);
      expect(new Set(ids).size, `${file}: panel ids`).toBe(ids.length);
    }
  });

  it('gives every panel the provisioned Prometheus datasource, a position and queries', () => {
    for (const [file, d] of dashboards) {
      for (const panel of queryPanels(d)) {
        const where = `${file}: ${panel.title ?? '?'}`;
        expect(panel.title, where).toEqual(expect.any(String));
        expect(panel.datasource, where).toEqual({ type: 'prometheus', uid: PROMETHEUS_UID });
        expect(panel.gridPos, where).toEqual({
          h: expect.any(Number) as number,
          w: expect.any(Number) as number,
          x: expect.any(Number) as number,
          y: expect.any(Number) as number,
        });
        expect(panel.targets?.length, where).toBeGreaterThan(0);
        for (const target of panel.targets ?? []) {
          expect(target.refId, where).toMatch(/^[A-Z]$/);
          expect(target.expr?.trim(), where).not.toBe('');
          expect(target.datasource?.uid, where).toBe(PROMETHEUS_UID);
        }
      }
    }
    const datasources = readFileSync(
      join(grafana, 'provisioning/datasources/prometheus.yml'),
      'utf8',
    );
    expect(datasources).toContain(`uid: ${PROMETHEUS_UID}`);
    expect(datasources).toContain('url: http://prometheus:9090');
    expect(
      readFileSync(join(grafana, 'provisioning/dashboards/course-shop.yml'), 'utf8'),
    ).toContain('path: /var/lib/grafana/dashboards');
  });

  it('reads only metrics the services expose (docs/metrics.md)', () => {
    const exposed = exposedNames();
    const unknown = expressions.flatMap(({ where, expr }) =>
      metricNames(expr)
        .filter((name) => !exposed.has(name))
        .map((name) => `${where}: ${name}`),
    );
    expect(unknown).toEqual([]);
    // The check itself: it sees through functions, groupings and matchers.
    expect(
      metricNames(
        'histogram_quantile(0.95, sum by (le, job) (rate(x_bucket{job="a",le!="b"}[$__rate_interval]))) / on (job) y > 1',
      ),
    ).toEqual(['x_bucket', 'y']);
  });
});

const installed = prometheusInstalled('promtool');
if (!installed) {
  if (process.env.REQUIRE_PROMETHEUS === '1') {
    throw new Error('REQUIRE_PROMETHEUS=1 but promtool is not on PATH');
  }
  process.stdout.write(
    "SKIPPED the promtool half of infra/stack/test/grafana-dashboards.spec.ts: Debian's prometheus package is not installed (bash tools/ci/install-prometheus.sh)\n",
  );
}

describe.runIf(installed)('what promtool says about the observability profile', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'grafana-dashboards-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('parses every dashboard expression as PromQL (promtool check rules)', async () => {
    // Each expression as a recording rule: promtool parses each one and names the bad one.
    const rules = {
      groups: [
        {
          name: 'dashboards',
          rules: expressions.map(({ expr }, i) => ({
            record: `dashboard:expression_${i}`,
            expr: asPromQL(expr),
          })),
        },
      ],
    };
    const file = join(dir, 'dashboard-expressions.yml');
    await writeFile(file, JSON.stringify(rules, null, 2));
    const checked = await run('promtool', ['check', 'rules', file]);
    expect(checked.stdout).toContain(`SUCCESS: ${expressions.length} rules found`);
  });

  it('accepts compose’s prometheus.yml, with the alert rules and a job per service', async () => {
    const tokenFile = join(dir, 'metrics-token');
    await writeFile(tokenFile, 'a-token-for-the-check', { mode: 0o600 });
    const config = readFileSync(
      join(root, 'infra/observability/prometheus/prometheus.yml'),
      'utf8',
    );
    const jobs = [...config.matchAll(/job_name: (\S+)/g)].map((m) => m[1]);
    expect(jobs).toEqual(['checkout', 'payment', 'enrollment', 'notification', 'analytics', 'bff']);
    // The container's paths, pointed at the files compose mounts there.
    const local = join(dir, 'prometheus.yml');
    await writeFile(
      local,
      config
        .replace('/etc/prometheus/rules/alert-rules.yml', join(root, ALERT_RULES))
        .replaceAll('/prometheus/metrics-token', tokenFile),
    );
    const checked = await run('promtool', ['check', 'config', local]);
    expect(`${checked.stdout}${checked.stderr}`).toMatch(/SUCCESS: 1 rule files found/);
  });
});
