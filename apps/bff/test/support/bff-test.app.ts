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
  };
}

/** bff in-process over four stand-in subgraphs, and a GraphQL client for it. */
export class BffTestApp {
  private constructor(
    readonly app: NestFastifyApplication,
    readonly subgraphs: StandIns,
  ) {}

  static async start(env: Record<string, string> = {}): Promise<BffTestApp> {
    const subgraphs = await startStandIns();
    const config = loadConfig('bff', bffConfigSchema, {
      NODE_ENV: 'development',
      LOG_LEVEL: 'silent',
      CHECKOUT_GRAPHQL_URL: subgraphs.checkout.url,
      ENROLLMENT_GRAPHQL_URL: subgraphs.enrollment.url,
      NOTIFICATION_GRAPHQL_URL: subgraphs.notification.url,
      ANALYTICS_GRAPHQL_URL: subgraphs.analytics.url,
      ...env,
    });
    const app = await startServiceApp(AppModule.forRoot(config));
    return new BffTestApp(app, subgraphs);
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
