import type { IncomingHttpHeaders } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { startStandaloneServer } from '@apollo/server/standalone';
import { buildSubgraphSchema, type GraphQLResolverMap } from '@apollo/subgraph';
import { parse } from 'graphql';
import { subgraphSdl, type SubgraphName } from '@shop/contracts';
import { GATEWAY_TOKEN_HEADER, gatewayEdge, SignedTokens } from '@shop/identity';
import { developmentGatewayTokens } from '@shop/identity/testing';

/** What a stand-in subgraph's resolvers know of the request: the learner of the gateway's token. */
export interface StandInContext {
  readonly learnerId: string | undefined;
}

interface Traffic {
  readonly received: IncomingHttpHeaders[];
  delayMs: number;
}

/**
 * A real `@apollo/subgraph` server implementing the contract SDL of one
 * subgraph with fake data, on a free port: it counts the fetches it gets,
 * keeps their headers, and can be slowed down or stopped.
 */
export class StandInSubgraph {
  private constructor(
    readonly name: SubgraphName,
    readonly url: string,
    private readonly server: ApolloServer<StandInContext>,
    private readonly traffic: Traffic,
  ) {}

  /** Headers of every fetch received, oldest first. */
  get received(): readonly IncomingHttpHeaders[] {
    return this.traffic.received;
  }

  get fetches(): number {
    return this.traffic.received.length;
  }

  /** Wait this long before answering each fetch (a slow subgraph). */
  set delayMs(delayMs: number) {
    this.traffic.delayMs = delayMs;
  }

  /** `secret`: the key of the gateway's edge to it; the development default unless given. */
  static async start(
    name: SubgraphName,
    resolvers: GraphQLResolverMap<StandInContext>,
    secret?: string,
  ): Promise<StandInSubgraph> {
    const schema = buildSubgraphSchema([{ typeDefs: parse(subgraphSdl(name)), resolvers }]);
    const server = new ApolloServer<StandInContext>({
      schema,
      plugins: [ApolloServerPluginInlineTraceDisabled()],
    });
    const traffic: Traffic = { received: [], delayMs: 0 };
    const tokens =
      secret === undefined
        ? developmentGatewayTokens(name)
        : new SignedTokens({ secret, ...gatewayEdge(name) });
    const { url } = await startStandaloneServer(server, {
      listen: { port: 0, host: '127.0.0.1' },
      context: async ({ req }) => {
        traffic.received.push(req.headers);
        if (traffic.delayMs > 0) await sleep(traffic.delayMs);
        // As a real subgraph does: the learner is the verified token's subject, and no token, no answer.
        const token = req.headers[GATEWAY_TOKEN_HEADER];
        if (typeof token !== 'string') throw new Error('no gateway token');
        return { learnerId: await tokens.verify(token) };
      },
    });
    return new StandInSubgraph(name, url, server, traffic);
  }

  /** Stops listening: from now on its fetches fail with ECONNREFUSED. */
  async stop(): Promise<void> {
    await this.server.stop();
  }
}
