#!/usr/bin/env node
// Every path and test name the Markdown of the repository cites must exist:
// relative links, backticked repository paths, and test names cited as
// `it('…')` / `test('…')` / `describe('…')`. Prints each dangling one and
// exits 1 if there is any. Run from anywhere: node tools/ci/check-doc-references.mjs
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, resolve } from 'node:path';

const root = resolve(dirname(new URL(import.meta.url).pathname), '../..');
const tracked = execFileSync(
  'git',
  ['ls-files', '-z', '--cached', '--others', '--exclude-standard'],
  {
    cwd: root,
    encoding: 'utf8',
  },
)
  .split('\0')
  .filter((file) => file !== '' && existsSync(join(root, file)));

// Where a cited path may be relative to: the citing file, the repository, or
// any package (a pattern page cites `src/…` next to the app it names).
const packageRoots = [
  ...new Set(tracked.filter((file) => file.endsWith('/package.json')).map((file) => dirname(file))),
];
// Written at run time or by the build, never committed.
const generatedPrefixes = [
  '.data/',
  'dist/',
  'node_modules/',
  'tools/toolchain/',
  '.nx/',
  'test-results/',
];
// Files of other repositories that a page names on purpose.
const elsewhere = new Set([
  'doc/esm-support.md', // opentelemetry-js
  'import-in-the-middle/hook.mjs',
  'hook.mjs', // @opentelemetry/instrumentation
  'register-hooks.mjs', // import-in-the-middle
]);
const topLevel = new Set(tracked.map((file) => file.split('/')[0]));
const extension = /\.(ts|mjs|js|json|md|sql|proto|ya?ml|graphql|prisma|sh|snap|toml)$/;

function exists(cited, fromFile) {
  const path = cited.replace(/[#?].*$/, '').replace(/\/$/, '');
  if (path === '') return true;
  const bases = [dirname(fromFile), '.', ...packageRoots];
  return bases.some((base) => existsSync(join(root, base, path)));
}

function isGenerated(cited, fromFile) {
  const fromRoot = normalize(join(dirname(fromFile), cited));
  return [cited, fromRoot].some((path) =>
    generatedPrefixes.some((prefix) => path.startsWith(prefix) || path.includes(`/${prefix}`)),
  );
}

// A backticked span that names a file or folder of this repository.
function looksLikeRepoPath(span) {
  if (!/^[\w@./-]+$/.test(span) || span.includes('//') || span.startsWith('/')) return false;
  if (span.startsWith('@') || !span.includes('/')) return false;
  return extension.test(span) || topLevel.has(span.split('/')[0]) || span.startsWith('../');
}

// A bare file name (`redrive.ts`) must be the name of some file of the repository.
const basenames = new Set(tracked.map((file) => file.split('/').pop()));
const isBareFileName = (span) => /^[\w-][\w.-]*$/.test(span) && extension.test(span);

function referencesOf(file, text) {
  const found = [];
  const prose = text.replace(/^```[\s\S]*?^```/gm, (block) => block.replace(/[^\n]/g, ' '));
  const lineOf = (index) => prose.slice(0, index).split('\n').length;
  for (const match of prose.matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)) {
    const target = match[1];
    if (/^(https?:|mailto:|#)/.test(target)) continue;
    found.push({ kind: 'link', cited: target, line: lineOf(match.index) });
  }
  for (const match of prose.matchAll(/`([^`\n]+)`/g)) {
    const span = match[1].trim();
    const test = /^(?:it|test|describe)(?:\.\w+)?\((['"])(.+)\1\)?$/.exec(span);
    if (test) found.push({ kind: 'test', cited: test[2], line: lineOf(match.index) });
    else if (looksLikeRepoPath(span) && !elsewhere.has(span))
      found.push({ kind: 'path', cited: span, line: lineOf(match.index) });
    else if (isBareFileName(span) && !basenames.has(span) && !elsewhere.has(span))
      found.push({ kind: 'file name', cited: span, line: lineOf(match.index) });
  }
  return found;
}

const specText = tracked
  .filter((file) => /\.(spec|e2e)\.ts$/.test(file))
  .map((file) => readFileSync(join(root, file), 'utf8'))
  .join('\n');
const testNameExists = (name) =>
  [`'${name}'`, `"${name}"`, `\`${name}\``].some((literal) => specText.includes(literal));

const markdown = tracked.filter((file) => file.endsWith('.md'));
const dangling = [];
for (const file of markdown) {
  const text = readFileSync(join(root, file), 'utf8');
  for (const ref of referencesOf(file, text)) {
    const ok =
      ref.kind === 'test'
        ? testNameExists(ref.cited)
        : ref.kind !== 'file name' && (isGenerated(ref.cited, file) || exists(ref.cited, file));
    if (!ok) dangling.push(`${file}:${ref.line}: ${ref.kind} ${ref.cited}`);
  }
}

if (dangling.length > 0) {
  console.error(`${dangling.length} reference(s) in Markdown point at nothing:`);
  for (const line of dangling) console.error(`  ${line}`);
  process.exit(1);
}
console.log(`${markdown.length} Markdown files: every cited path and test name exists`);
