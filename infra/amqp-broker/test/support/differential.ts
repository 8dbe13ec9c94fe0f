import { existsSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { start, type RunningBroker } from '../../src/index.js';
import { SHARED_BROKER_LIMITS } from './broker-limits.js';
import { normalise } from './normalise.js';
import { ScenarioContext, type Scenario } from './scenario.js';

async function observe(url: string, scenario: Scenario): Promise<unknown> {
  const ctx = new ScenarioContext(url);
  try {
    return normalise(await scenario.run(ctx), ctx.ns);
  } finally {
    await ctx.close();
  }
}

// Only RabbitMQ may record a snapshot: without it, a scenario that has none
// fails instead of letting the embedded broker write its own.
function assertRecordedByRabbitMq(): void {
  const { snapshotState, currentTestName } = expect.getState();
  const file = snapshotState.snapshotPath;
  const key = `exports[\`${(currentTestName ?? '').replaceAll('`', '\\`')} 1\`]`;
  if (!existsSync(file) || !readFileSync(file, 'utf8').includes(key))
    throw new Error(
      'no observation recorded from RabbitMQ for this scenario: run the suite once with RabbitMQ (REQUIRE_RABBITMQ=1) to record it',
    );
}

/**
 * Runs every scenario against the embedded broker and, when this machine
 * has one, against a real RabbitMQ: the observations must be equal. The real
 * broker's observation is the committed snapshot (`__snapshots__/`), so
 * without RabbitMQ the embedded one is still held to RabbitMQ's values.
 */
export function differential(
  title: string,
  scenarios: readonly Scenario[],
  timeout = 30_000,
): void {
  describe(title, () => {
    const rabbitmq = inject('rabbitmq');
    let embedded: RunningBroker;
    beforeAll(async () => {
      embedded = await start({ port: 0, ...SHARED_BROKER_LIMITS });
      if ('skipReason' in rabbitmq)
        console.warn(`[${title}] real RabbitMQ half skipped: ${rabbitmq.skipReason}`);
    });
    afterAll(async () => {
      await embedded.stop();
    });

    for (const scenario of scenarios) {
      it(scenario.name, { timeout }, async () => {
        const ours = await observe(embedded.url, scenario);
        if ('skipReason' in rabbitmq) {
          assertRecordedByRabbitMq();
          expect(ours).toMatchSnapshot();
          return;
        }
        const theirs = await observe(rabbitmq.url, scenario);
        if (process.env.DIFF_DEBUG === '1') console.log(JSON.stringify({ ours, theirs }, null, 1));
        expect(theirs).toMatchSnapshot();
        expect(ours).toEqual(theirs);
      });
    }
  });
}
