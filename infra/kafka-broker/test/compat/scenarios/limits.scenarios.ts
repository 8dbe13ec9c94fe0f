import { sizePrefix, writeRaw } from '../../support/raw-socket.js';
import type { Scenario } from '../../support/scenario.js';

// A trickle after the prefix: a few bytes of a request that would never end.
const trickle = [Buffer.from([0, 18]), Buffer.from([0, 3]), Buffer.from([0, 0, 0, 7])];

// Both brokers run with the default request cap (100 MiB, socket.request.max.bytes).
export const limitScenarios: Scenario[] = [
  {
    name: 'closes the connection unanswered when a size prefix announces more than socket.request.max.bytes, before the body',
    async run(ctx) {
      const broker = ctx.brokers[0]!;
      return {
        justOverTheCap: await writeRaw(broker, [sizePrefix(100 * 1024 * 1024 + 1), ...trickle]),
        almostTwoGiB: await writeRaw(broker, [sizePrefix(2 ** 31 - 1), ...trickle]),
        twoGiBReadAsNegative: await writeRaw(broker, [sizePrefix(2 ** 31), ...trickle]),
      };
    },
  },
];
