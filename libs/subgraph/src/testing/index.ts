export { postGraphql, type GraphqlAnswer, type GraphqlErrorBody } from './post-graphql.js';
