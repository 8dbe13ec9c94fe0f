#!/usr/bin/env node
// Runs `prisma generate` for the package in the current directory, offline.
//
// Generating Prisma Client needs no schema engine, yet the Prisma CLI insists on
// finding (or downloading) one before it starts. When the engine binary is not
// installed we point PRISMA_SCHEMA_ENGINE_BINARY at an existing file (this one);
// `generate` never executes it. Extra arguments are passed on to prisma.
//
//   "generate": "node ../../libs/database/bin/prisma-generate.js"
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';

const ENGINE_VARIABLE = 'PRISMA_SCHEMA_ENGINE_BINARY';

function resolveFrom(packageJsonDir, request) {
  return createRequire(join(packageJsonDir, 'package.json')).resolve(request);
}

// The app's own prisma when it has one, else the one this library depends on.
function prismaPackageDir() {
  for (const base of [process.cwd(), dirname(dirname(fileURLToPath(import.meta.url)))]) {
    try {
      return dirname(resolveFrom(base, 'prisma/package.json'));
    } catch {
      // try the next candidate
    }
  }
  throw new Error('prisma is not installed; add it to this package: pnpm add -D prisma');
}

function schemaEngineInstalled(prismaDir) {
  try {
    const enginesDir = dirname(resolveFrom(prismaDir, '@prisma/engines/package.json'));
    return readdirSync(enginesDir).some((file) => file.startsWith('schema-engine'));
  } catch {
    return false;
  }
}

const prismaDir = prismaPackageDir();
const env = { ...process.env };
if (env[ENGINE_VARIABLE] === undefined || !existsSync(env[ENGINE_VARIABLE])) {
  if (!schemaEngineInstalled(prismaDir)) env[ENGINE_VARIABLE] = fileURLToPath(import.meta.url);
}
const result = spawnSync(
  process.execPath,
  [join(prismaDir, 'build', 'index.js'), 'generate', ...process.argv.slice(2)],
  { stdio: 'inherit', env },
);
process.exitCode = result.status ?? 1;
