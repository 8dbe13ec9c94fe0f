// Bare Apollo Server (standalone, no gateway, no plugins of ours) with the
// slice of checkout's schema the benchmark reads, resolved from memory.
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { announcePort, payloadFromEnv } from './baseline-process.js';

const typeDefs = `#graphql
  type Query {
    course(id: ID!): Course
  }
  type Course {
    id: ID!
    slug: String!
    title: String!
    description: String!
    price: Money!
  }
  type Money {
    amountMinor: Int!
    currency: String!
  }
`;
const course: unknown = JSON.parse(payloadFromEnv());
const server = new ApolloServer({ typeDefs, resolvers: { Query: { course: () => course } } });
const { url } = await startStandaloneServer(server, { listen: { port: 0, host: '127.0.0.1' } });
announcePort(Number(new URL(url).port));
