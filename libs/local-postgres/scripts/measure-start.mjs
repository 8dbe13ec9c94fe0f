// Measures first start (initdb + start) against reuse (start only) side by side.
//   pnpm --filter @shop/local-postgres build && node libs/local-postgres/scripts/measure-start.mjs [rounds]
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import process from 'node:process';
import { performance } from 'node:perf_hooks';
import { log } from 'node:console';
import { findFreePort, startLocalPostgres } from '../dist/index.js';

const rounds = Number(process.argv[2] ?? 3);
const root = await mkdtemp(join(tmpdir(), 'measure-pg-'));
await chmod(root, 0o755);
const timed = async (fn) => {
  const started = performance.now();
  const value = await fn();
  return [value, performance.now() - started];
};
const rows = [];
for (let round = 0; round < rounds; round += 1) {
  const options = { dataDir: join(root, `r${round}`), port: await findFreePort() };
  const [first, initMs] = await timed(() => startLocalPostgres(options));
  const [, firstStopMs] = await timed(() => first.stop());
  const [again, reuseMs] = await timed(() => startLocalPostgres(options));
  await again.stop();
  rows.push({ initMs, reuseMs, stopMs: firstStopMs });
}
await rm(root, { recursive: true, force: true });
const median = (key) =>
  rows.map((row) => row[key]).sort((a, b) => a - b)[Math.floor(rows.length / 2)];
log(
  `rounds=${rounds} first start (initdb+start) median ${median('initMs').toFixed(0)} ms, ` +
    `reuse median ${median('reuseMs').toFixed(0)} ms, stop median ${median('stopMs').toFixed(0)} ms, ` +
    `ratio ${(median('initMs') / median('reuseMs')).toFixed(1)}x`,
);
