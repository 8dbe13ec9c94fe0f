import { GenericContainer, type StartedTestContainer } from 'testcontainers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STAND_IN_IMAGES } from '../src/index.js';
import { skipReasonFor, STARTUP_TIMEOUT_MS } from './support/container-engine.js';

const image = STAND_IN_IMAGES.node ?? '';
const skip = await skipReasonFor('node stand-in', image);

describe.skipIf(skip !== undefined)('the node stand-in', () => {
  let container: StartedTestContainer;

  beforeAll(async () => {
    container = await new GenericContainer(image)
      .withCommand(['sleep', 'infinity'])
      .withStartupTimeout(STARTUP_TIMEOUT_MS)
      .start();
  });
  afterAll(async () => {
    await container.stop({ timeout: 1_000 });
  });

  it('has the pinned Node with npm and corepack, as the official image does', async () => {
    const versions = await container.exec([
      'sh',
      '-c',
      'node --version && npm --version && corepack --version',
    ]);
    expect(versions.exitCode).toBe(0);
    expect(versions.stdout.split('\n')[0]).toBe('v24.21.0');
  });

  it('has the unprivileged node user, uid 1000', async () => {
    const id = await container.exec(['id', '-u', 'node']);
    expect(id.stdout.trim()).toBe('1000');
  });
});
