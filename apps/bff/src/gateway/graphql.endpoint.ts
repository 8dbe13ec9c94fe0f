import { Inject, Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { fastifyApolloHandler } from '@as-integrations/fastify';
import type { ApolloServer } from '@apollo/server';
import { currentCorrelationId } from '@shop/tracing';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { identifyLearner } from '../identity/learner-identity.js';
import { LearnerTokens } from '@shop/identity';
import type { GatewayContext } from './gateway.context.js';
import { createGatewayServer, type GatewaySettings } from './gateway.server.js';

export const GATEWAY_SETTINGS = Symbol('GATEWAY_SETTINGS');

/** `POST /graphql`: the gateway, mounted on the app's own Fastify instance. */
@Injectable()
export class GraphqlEndpoint implements OnModuleInit, OnApplicationShutdown {
  private readonly server: ApolloServer<GatewayContext>;

  constructor(
    @Inject(GATEWAY_SETTINGS) settings: GatewaySettings,
    private readonly tokens: LearnerTokens,
    private readonly adapterHost: HttpAdapterHost,
  ) {
    this.server = createGatewayServer(settings);
  }

  async onModuleInit() {
    await this.server.start();
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    fastify.post(
      '/graphql',
      fastifyApolloHandler(this.server, { context: (request) => this.contextOf(request) }),
    );
  }

  async onApplicationShutdown() {
    await this.server.stop();
  }

  private async contextOf(request: FastifyRequest): Promise<GatewayContext> {
    return {
      learnerId: await identifyLearner(request.headers.authorization, this.tokens),
      // Set by the platform's correlation hook before any route runs.
      correlationId: currentCorrelationId() ?? request.id,
    };
  }
}
