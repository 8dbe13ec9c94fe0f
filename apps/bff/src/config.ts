import { developmentOnlyFlag, logLevel, nonNegativeInt, positiveInt, url, z } from '@shop/config';
import { httpListenerConfig } from '@shop/platform';
import { gatewayTokenSecret, learnerTokenConfig } from '@shop/identity';

// One HS256 key per gateway → subgraph edge: a subgraph's key signs nothing the others accept.
const edgeSecret = (subgraph: string) =>
  gatewayTokenSecret(
    subgraph,
    `Signs the short-lived token the gateway sends with every fetch to ${subgraph}'s subgraph (learner as subject); ${subgraph}'s \`GATEWAY_TOKEN_SECRET\` must be the same.`,
  );

/** Every environment variable bff reads: its meaning, default and format. */
export const bffConfigSchema = z.object({
  ...httpListenerConfig(4000, 'Port of the GraphQL endpoint (`POST /graphql`) and of `/health`.'),
  CHECKOUT_GRAPHQL_URL: url(
    'http://127.0.0.1:3000/graphql',
    "checkout's subgraph (courses, orders, `placeOrder`); bff is ready only while it answers.",
  ),
  ENROLLMENT_GRAPHQL_URL: url(
    'http://127.0.0.1:3002/graphql',
    "enrollment's subgraph (`Course.seats`, `Order.enrollments`).",
  ),
  NOTIFICATION_GRAPHQL_URL: url(
    'http://127.0.0.1:3003/graphql',
    "notification's subgraph (`Order.receipt`).",
  ),
  ANALYTICS_GRAPHQL_URL: url(
    'http://127.0.0.1:3004/graphql',
    "analytics' subgraph (`Course.stats`).",
  ),
  CHECKOUT_SUBGRAPH_SECRET: edgeSecret('checkout'),
  ENROLLMENT_SUBGRAPH_SECRET: edgeSecret('enrollment'),
  NOTIFICATION_SUBGRAPH_SECRET: edgeSecret('notification'),
  ANALYTICS_SUBGRAPH_SECRET: edgeSecret('analytics'),
  SUBGRAPH_TIMEOUT_MS: positiveInt(
    2_000,
    'Deadline of every subgraph fetch; a late subgraph’s fields come back null with a SUBGRAPH_TIMEOUT error.',
  ),
  MAX_QUERY_DEPTH: positiveInt(
    8,
    'Deepest selection a query may nest (`{ a { b } }` is 2); deeper queries are refused before any fetch.',
  ),
  MAX_QUERY_COST: positiveInt(
    1_000,
    'Highest estimated cost of a query: 1 per field, a paginated list’s selection times its `first`.',
  ),
  MAX_QUERY_ALIASES: positiveInt(
    15,
    'Most aliases an operation may hold (fragments counted once per spread); each alias of an entity field can cost a subgraph fetch, so more are refused before planning.',
  ),
  MAX_SUBGRAPH_FETCHES: positiveInt(
    10,
    'Most subgraph fetches the query plan of one operation may make (the README’s `myOrders` query makes 4); a plan that needs more is refused before any fetch.',
  ),
  ...learnerTokenConfig,
  JWT_TTL_SECONDS: positiveInt(900, 'Lifetime of a token issued by `POST /dev/tokens`.'),
  DEV_TOKENS: developmentOnlyFlag(
    true,
    'Serve `POST /dev/tokens`, which signs a token for any learner id.',
  ),
  GRAPHQL_INTROSPECTION: developmentOnlyFlag(
    true,
    'Answer introspection queries (`__schema`, `__type`) at the gateway.',
  ),
  GRAPHQL_FIELD_SUGGESTIONS: developmentOnlyFlag(
    true,
    'Name similar fields in validation errors ("Did you mean …?"), which reveals the schema.',
  ),
  GRAPHQL_QUERY_PLANS: developmentOnlyFlag(
    true,
    'Answer a request sent with the `Apollo-Query-Plan-Experimental` header with its query plan (`extensions.__queryPlanExperimental`), which names the subgraphs and what each is asked.',
  ),
  LOG_LEVEL: logLevel(),
  SHUTDOWN_DRAIN_MS: nonNegativeInt(
    0,
    'After SIGTERM, how long readiness answers 503 before connections close (let a load balancer notice).',
  ),
});

export type BffConfig = z.infer<typeof bffConfigSchema>;
