import { rawRequest } from '../../support/raw-request.js';
import type { Scenario } from '../../support/scenario.js';

const API_VERSIONS = 18;
const METADATA = 3;

// How a broker refuses what it does not know, below any client library.
export const refusalScenarios: Scenario[] = [
  {
    name: 'answers an ApiVersions version it does not know in the v0 layout, listing only its own range',
    async run(ctx) {
      const response = await rawRequest(ctx.brokers[0]!, API_VERSIONS, 9, undefined, true);
      // correlation id, UNSUPPORTED_VERSION (35), [ApiVersions min–max]
      return response?.toString('hex') ?? 'closed unanswered';
    },
  },
  {
    name: 'closes the connection unanswered on an unknown API key or a version above the highest',
    async run(ctx) {
      const unknownKey = await rawRequest(ctx.brokers[0]!, 999, 0);
      const tooNew = await rawRequest(ctx.brokers[0]!, METADATA, 99);
      return {
        unknownKey: unknownKey?.toString('hex') ?? 'closed unanswered',
        tooNew: tooNew?.toString('hex') ?? 'closed unanswered',
      };
    },
  },
];
