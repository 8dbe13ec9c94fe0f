import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureKafkaLibs } from '@shop/real-kafka';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { start, type RunningBroker } from '../../src/index.js';
import { DEFAULT_REQUESTS, exchange } from '../protocol/raw-exchange.js';
import { toolsUnavailable } from './kafka-tools.js';

const parser = fileURLToPath(
  new URL('../fixtures/kafka-requests/ParseResponses.java', import.meta.url),
);

// The other direction of test/protocol/every-version.spec.ts: Kafka 4.4's own
// generated classes must read every response the broker writes, whole.
describe.skipIf(toolsUnavailable !== undefined)(
  "Kafka's classes read the broker's responses",
  { timeout: 240_000 },
  () => {
    let broker: RunningBroker;
    const scratch = mkdtempSync(join(tmpdir(), 'kafka-responses-'));
    beforeAll(async () => {
      broker = await start({ port: 0, initialRebalanceDelayMs: 0, logLevel: 'silent' });
    });
    afterAll(async () => {
      await broker.stop();
      rmSync(scratch, { recursive: true, force: true });
    });

    it('at every version the broker answers', async () => {
      const responses = [];
      for (const fixture of DEFAULT_REQUESTS) {
        const response = await exchange(broker.address, fixture);
        if (response)
          responses.push({
            apiKey: fixture.apiKey,
            version: fixture.version,
            response: response.toString('hex'),
          });
      }
      const file = join(scratch, 'responses.json');
      writeFileSync(file, JSON.stringify(responses));
      const java = spawnSync('java', ['-cp', `${ensureKafkaLibs()}/*`, parser, file], {
        encoding: 'utf8',
        timeout: 180_000,
      });
      expect(java.status, java.stderr).toBe(0);
      expect(java.stdout.trim()).toBe(`read ${responses.length}, failed 0`);
      expect(responses.length).toBe(DEFAULT_REQUESTS.length - 1); // all but InitProducerId v6
    });
  },
);
