import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

// The buf CLI from npm runs offline; these tests prove the rules protos/ README promises.
const buf = createRequire(import.meta.url).resolve('@bufbuild/buf/bin/buf');
const protosDir = resolve(import.meta.dirname, '../../../../protos');
const scratch = mkdtempSync(join(tmpdir(), 'contracts-buf-'));
const wireOnly = JSON.stringify({ version: 'v2', breaking: { use: ['WIRE_JSON'] } });

afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
});

function runBuf(...args: string[]): { status: number | null; output: string } {
  const result = spawnSync(buf, args, { encoding: 'utf8', timeout: 30_000 });
  return { status: result.status, output: result.stdout + result.stderr };
}

/** Writes a one-file buf module holding `body` in package shop.demo.v1. */
function demoModule(name: string, body: string): string {
  const dir = join(scratch, name);
  mkdirSync(join(dir, 'shop/demo/v1'), { recursive: true });
  writeFileSync(
    join(dir, 'buf.yaml'),
    'version: v2\nlint:\n  use: [STANDARD]\nbreaking:\n  use: [FILE]\n',
  );
  writeFileSync(
    join(dir, 'shop/demo/v1/demo.proto'),
    `syntax = "proto3";\npackage shop.demo.v1;\n${body}\n`,
  );
  return dir;
}

const original = demoModule(
  'original',
  'message Order {\n  string id = 1;\n  string coupon = 2;\n}',
);

describe('buf lint', () => {
  it('passes on the repository protos', () => {
    const { status, output } = runBuf('lint', protosDir);

    expect(output).toBe('');
    expect(status).toBe(0);
  });

  it('rejects an enum whose zero value is not *_UNSPECIFIED', () => {
    const dir = demoModule('bad-enum', 'enum Color {\n  COLOR_RED = 0;\n}');

    const { status, output } = runBuf('lint', dir);

    expect(status).not.toBe(0);
    expect(output).toContain('should be suffixed with "_UNSPECIFIED"');
  });
});

describe('buf breaking', () => {
  it('rejects reusing a removed field number for another field', () => {
    const reused = demoModule(
      'reused',
      'message Order {\n  string id = 1;\n  int64 discount_minor = 2;\n}',
    );

    const { status, output } = runBuf(
      'breaking',
      reused,
      '--against',
      original,
      '--config',
      wireOnly,
    );

    expect(status).not.toBe(0);
    expect(output).toContain('changed type from "string" to "int64"');
  });

  it('accepts on the wire a removal that reserves the number and the name', () => {
    const removed = demoModule(
      'removed',
      'message Order {\n  string id = 1;\n  reserved 2;\n  reserved "coupon";\n}',
    );

    const { status, output } = runBuf(
      'breaking',
      removed,
      '--against',
      original,
      '--config',
      wireOnly,
    );

    expect(output).toBe('');
    expect(status).toBe(0);
  });

  it('still flags that removal under FILE rules, which guard generated source code too', () => {
    const removed = demoModule(
      'removed-file',
      'message Order {\n  string id = 1;\n  reserved 2;\n  reserved "coupon";\n}',
    );

    const { status, output } = runBuf('breaking', removed, '--against', original);

    expect(status).not.toBe(0);
    expect(output).toContain(
      'Previously present field "2" with name "coupon" on message "Order" was deleted.',
    );
  });
});
