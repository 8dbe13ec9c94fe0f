#!/usr/bin/env node
// No tracked file may carry a merge-conflict marker — in its raw form, or in
// the form Prettier leaves in Markdown (`>>>>>>> x` becomes a nested quote
// `> > > > > > > x`, which renders as text and passes every other check).
// Prints each one and exits 1 if there is any.
// Run from anywhere: node tools/ci/check-conflict-markers.mjs
import { execFileSync } from 'node:child_process';
import { dirname, resolve } from 'node:path';

const root = resolve(dirname(new URL(import.meta.url).pathname), '../..');
const markers = String.raw`^(<{7}|>{7})( |$)|^(> ){7}`;

let found = '';
try {
  found = execFileSync('git', ['grep', '-n', '-I', '-E', markers, '--', '.', ':!pnpm-lock.yaml'], {
    cwd: root,
    encoding: 'utf8',
  });
} catch (error) {
  // git grep exits 1 when nothing matches; anything else is a real failure.
  if (error.status !== 1) throw error;
}

if (found.trim() !== '') {
  process.stderr.write(`merge-conflict markers left in tracked files:\n${found}`);
  process.exit(1);
}
console.log('no merge-conflict markers in tracked files');
