import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { start, type RunningBroker } from '../../src/index.js';
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

/**
 * Runs every scenario against the embedded broker and, when this machine
 * has one, against a real RabbitMQ: the observations must be equal.
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
      embedded = await start({ port: 0 });
      if ('skipReason' in rabbitmq)
        console.warn(`[${title}] real RabbitMQ half skipped: ${rabbitmq.skipReason}`);
    });
    afterAll(async () => {
      await embedded.stop();
    });

    for (const scenario of scenarios) {
      it(scenario.name, { timeout }, async () => {
        const ours = await observe(embedded.url, scenario);
        expect(ours).toBeDefined();
        if ('skipReason' in rabbitmq) return;
        const theirs = await observe(rabbitmq.url, scenario);
        if (process.env.DIFF_DEBUG === '1') console.log(JSON.stringify({ ours, theirs }, null, 1));
        expect(ours).toEqual(theirs);
      });
    }
  });
}
