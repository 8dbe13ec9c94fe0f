import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { loadConfig } from '@shop/config';
import { startServiceApp } from '@shop/platform';
import { AppModule } from '../../src/app.module.js';
import { bffConfigSchema } from '../../src/config.js';
import { startStandIns, stopStandIns, type StandIns } from './fake-subgraphs.js';

export interface GraphqlRequest {
  readonly query?: string;
  readonly variables?: Record<string, unknown>;
  readonly extensions?: Record<string, unknown>;
  readonly operationName?: string | null;
  readonly token?: string;
  readonly headers?: Record<string, string>;
}

export interface GraphqlReply {
  readonly status: number;
  readonly headers: Record<string, unknown>;
  readonly body: {
    data?: Record<string, unknown> | null;
    errors?: { message: string; path?: string[]; extensions?: Record<string, unknown> }[];
    extensions?: Record<string, unknown>;
  };
}

/** bff in-process over four stand-in subgraphs, and a GraphQL client for it. */
export class BffTestApp {
  private constructor(
    readonly app: NestFastifyApplication,
    readonly subgraphs: StandIns,
  ) {}

  /** On its development defaults (NODE_ENV=development), `env` overriding them. */
  static async start(env: Record<string, string> = {}): Promise<BffTestApp> {
    return BffTestApp.startWith({ NODE_ENV: 'development', ...env });
  }

  /**
   * As production must run it: NODE_ENV=production, secrets of its own (the
   * stand-in subgraphs verify the gateway's tokens with them), every
   * development-only switch off — whatever NODE_ENV this process has.
   */
  static async startAsProduction(): Promise<BffTestApp> {
    const own = (name: string) => `${name}-a-test-secret-of-our-own-32-chars`;
    const edges = {
      checkout: own('ch'),
      enrollment: own('en'),
      notification: own('no'),
      analytics: own('an'),
    };
    return BffTestApp.startWith(
      {
        NODE_ENV: 'production',
        JWT_SECRET: own('jwt'),
        METRICS_TOKEN: own('metrics'),
        CHECKOUT_SUBGRAPH_SECRET: edges.checkout,
        ENROLLMENT_SUBGRAPH_SECRET: edges.enrollment,
        NOTIFICATION_SUBGRAPH_SECRET: edges.notification,
        ANALYTICS_SUBGRAPH_SECRET: edges.analytics,
        DEV_TOKENS: 'false',
        GRAPHQL_INTROSPECTION: 'false',
        GRAPHQL_FIELD_SUGGESTIONS: 'false',
        GRAPHQL_QUERY_PLANS: 'false',
      },
      edges,
    );
  }

  private static async startWith(
    env: Record<string, string>,
    edgeSecrets?: Parameters<typeof startStandIns>[0],
  ): Promise<BffTestApp> {
    const subgraphs = await startStandIns(edgeSecrets);
    try {
      const config = loadConfig('bff', bffConfigSchema, {
        LOG_LEVEL: 'silent',
        CHECKOUT_GRAPHQL_URL: subgraphs.checkout.url,
        ENROLLMENT_GRAPHQL_URL: subgraphs.enrollment.url,
        NOTIFICATION_GRAPHQL_URL: subgraphs.notification.url,
        ANALYTICS_GRAPHQL_URL: subgraphs.analytics.url,
        ...env,
      });
      const app = await startServiceApp(AppModule.forRoot(config));
      return new BffTestApp(app, subgraphs);
    } catch (error) {
      await stopStandIns(subgraphs);
      throw error;
    }
  }

  async graphql(request: GraphqlRequest): Promise<GraphqlReply> {
    const { token, headers, ...payload } = request;
    const res = await this.app.inject({
      method: 'POST',
      url: '/graphql',
      headers: {
        'content-type': 'application/json',
        ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
        ...headers,
      },
      payload: JSON.stringify(payload),
    });
    return { status: res.statusCode, headers: res.headers, body: res.json() };
  }

  /** A token for the learner, from bff's own dev endpoint. */
  async tokenFor(learnerId: string): Promise<string> {
    const res = await this.app.inject({
      method: 'POST',
      url: '/dev/tokens',
      payload: { learnerId },
    });
    return res.json<{ token: string }>().token;
  }

  /** Fetches each subgraph has received so far. */
  fetchCounts(): Record<keyof StandIns, number> {
    const { checkout, enrollment, notification, analytics } = this.subgraphs;
    return {
      checkout: checkout.fetches,
      enrollment: enrollment.fetches,
      notification: notification.fetches,
      analytics: analytics.fetches,
    };
  }

  async close(): Promise<void> {
    await this.app.close();
    await stopStandIns(this.subgraphs);
  }
}
