// Proves from Nx's own project graph that no app depends on another app and
// no library depends on an app. (ESLint's module-boundary rule stops such an
// import being written; this checks the resulting graph as a whole.)
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const dir = mkdtempSync(join(tmpdir(), 'shop-graph-'));
const file = join(dir, 'graph.json');
try {
  execFileSync('nx', ['graph', `--file=${file}`], { stdio: ['ignore', 'ignore', 'inherit'] });
  const { graph } = JSON.parse(readFileSync(file, 'utf8'));
  const tagsOf = (name) => graph.nodes[name]?.data?.tags ?? [];
  const isApp = (name) => tagsOf(name).includes('type:app');
  const edges = Object.entries(graph.dependencies).flatMap(([from, deps]) =>
    deps.filter((d) => graph.nodes[d.target]).map((d) => ({ from, to: d.target })),
  );
  const forbidden = edges.filter(
    ({ from, to }) => isApp(to) && (isApp(from) || tagsOf(from).includes('type:lib')),
  );
  const apps = Object.keys(graph.nodes).filter(isApp);
  if (forbidden.length > 0) {
    for (const { from, to } of forbidden) console.error(`forbidden edge: ${from} -> ${to}`);
    process.exit(1);
  }
  console.log(
    `project graph: ${Object.keys(graph.nodes).length} projects, ${edges.length} edges, ${apps.length} apps, no app->app or lib->app edge`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
