export { batchLoader, groupLoader } from './lib/batch-loaders.js';
export { DateTimeScalar } from './lib/date-time.scalar.js';
export { formatSubgraphError } from './lib/format-error.js';
export { MinorUnitsScalar } from './lib/minor-units.scalar.js';
export { moneyResolvers, type MoneyValue } from './lib/money.resolvers.js';
export {
  GatewayTokens,
  learnerFromGateway,
  subgraphConfig,
  type SubgraphSettings,
} from './lib/gateway-caller.js';
export { isUuid, requireLearner, type SubgraphContext } from './lib/subgraph-context.js';
export {
  forbidden,
  subgraphError,
  unauthenticated,
  type SubgraphErrorCode,
  type SubgraphErrorSpec,
} from './lib/subgraph-errors.js';
export {
  SubgraphModule,
  type LoadersFactory,
  type SubgraphModuleOptions,
} from './lib/subgraph.module.js';
