export { postGraphql, type GraphqlAnswer, type GraphqlErrorBody } from './post-graphql.js';
export {
  assertSubgraphAnswersHostileOperations,
  hostileOperations,
  type EntitySelection,
  type HostileOperation,
  type HostileOperationOptions,
} from './hostile-operations.js';
