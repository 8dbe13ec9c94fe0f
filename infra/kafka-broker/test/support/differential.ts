import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { RunningBroker } from '../../src/index.js';
import { SCENARIO_SASL_USERS, startEmbeddedBroker } from './kafka-under-test.js';
import { normalise } from './normalise.js';
import { ScenarioContext, type Scenario } from './scenario.js';

// Real Kafka's observations, recorded with it (vitest -u) and committed.
const OBSERVATIONS = new URL('../compat/__real-kafka__/', import.meta.url);

const slug = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 80);

async function observe(brokers: string, scenario: Scenario): Promise<unknown> {
  const ctx = new ScenarioContext([brokers]);
  try {
    return normalise(await scenario.run(ctx), ctx.ns);
  } finally {
    await ctx.close();
  }
}

const serialise = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

/**
 * Runs every scenario against the embedded broker and against the real Kafka
 * of this run: the observations must be equal, and equal to real Kafka's
 * recorded ones. Without a real Kafka the embedded broker is still held to
 * the recorded observations.
 */
export function differential(
  title: string,
  scenarios: readonly Scenario[],
  timeout = 180_000,
  listener: 'plaintext' | 'sasl' = 'plaintext',
) {
  describe(title, () => {
    const real = inject('realKafka');
    let embedded: RunningBroker;
    beforeAll(async () => {
      embedded = await startEmbeddedBroker(
        listener === 'sasl' ? { saslPlainUsers: SCENARIO_SASL_USERS } : {},
      );
      if ('skipReason' in real)
        console.warn(`[${title}] compared with recorded observations only: ${real.skipReason}`);
    });
    afterAll(() => embedded.stop());

    for (const scenario of scenarios) {
      it(scenario.name, { timeout }, async () => {
        const file = fileURLToPath(
          new URL(`${slug(title)}/${slug(scenario.name)}.json`, OBSERVATIONS),
        );
        const ours = await observe(embedded.address, scenario);
        if ('skipReason' in real) {
          if (!existsSync(file))
            throw new Error(`no recorded real-Kafka observation ${file}: run once with real Kafka`);
          await expect(serialise(ours)).toMatchFileSnapshot(file);
          return;
        }
        const theirs = await observe(
          listener === 'sasl' ? real.saslBrokers : real.brokers,
          scenario,
        );
        if (process.env.DIFF_DEBUG === '1') console.log(JSON.stringify({ ours, theirs }, null, 1));
        expect.soft(ours).toEqual(theirs);
        await expect(serialise(theirs)).toMatchFileSnapshot(file);
      });
    }
  });
}
