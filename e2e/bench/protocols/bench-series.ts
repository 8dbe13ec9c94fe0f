import type { StackDescription } from '@shop/stack';
import { startBaseline, type Baseline } from './baselines/start-baseline.js';
import { COURSE_ID, graphqlRead, grpcRead, persistedCourseQuery, restRead } from './bench-reads.js';
import { grpcLoad } from './grpc-load.js';
import { httpLoad } from './http-load.js';
import type { LoadPhase } from './load-phase.js';

/** One server under load: what it is, how to load it, which processes' CPU it costs. */
export interface Series {
  readonly protocol: 'REST' | 'gRPC' | 'GraphQL';
  readonly server: string;
  readonly load: LoadPhase;
  readonly processes: readonly { name: string; pid?: number | undefined }[];
  /** The series (a bare server) this one is a share of. */
  readonly baseline?: Series;
  /** Bytes of one answer. */
  readonly bytes: number;
}

export interface BenchSeries {
  readonly series: readonly Series[];
  readonly stop: () => Promise<void>;
}

const JSON_POST = { 'content-type': 'application/json' };

/** Reads each answer from the stack once, starts the bare servers that serve the same bytes, and pairs them. */
export async function benchSeries(stack: StackDescription): Promise<BenchSeries> {
  const { ports, components } = stack;
  const app = (name: string) => ({ name, pid: components.find((c) => c.name === name)?.pid });
  const checkoutUrl = `http://127.0.0.1:${ports.CHECKOUT_PORT}`;
  const gatewayUrl = `http://127.0.0.1:${ports.BFF_PORT}/graphql`;
  const paymentAddress = `127.0.0.1:${ports.PAYMENT_GRPC_PORT}`;

  const rest = await restRead(checkoutUrl);
  const grpc = await grpcRead(paymentAddress);
  const graphql = await graphqlRead(gatewayUrl);
  const baselines: Baseline[] = [];
  const start = async (file: string, payload: string) => {
    const baseline = await startBaseline(file, payload);
    baselines.push(baseline);
    return baseline;
  };
  try {
    const bareHttp = await start('bare-http.server.ts', rest.payload);
    const bareGrpc = await start('bare-grpc.server.ts', grpc.payload);
    const bareApollo = await start('bare-apollo.server.ts', graphql.payload);
    const bareApolloUrl = `http://127.0.0.1:${bareApollo.port}/`;
    const bareGraphql = await graphqlRead(bareApolloUrl); // registers the persisted query there too
    if (bareGraphql.bytes !== graphql.bytes)
      throw new Error(
        `bare Apollo answers ${bareGraphql.bytes} bytes, the gateway ${graphql.bytes}`,
      );

    const bare = {
      http: series(
        'REST',
        'bare node:http',
        httpLoad({ url: `http://127.0.0.1:${bareHttp.port}/` }),
        bareHttp,
        rest.bytes,
      ),
      grpc: series(
        'gRPC',
        'bare @grpc/grpc-js',
        grpcLoad(`127.0.0.1:${bareGrpc.port}`),
        bareGrpc,
        grpc.bytes,
      ),
      apollo: series(
        'GraphQL',
        'bare Apollo Server',
        graphqlLoad(bareApolloUrl),
        bareApollo,
        graphql.bytes,
      ),
    };
    const all: Series[] = [
      {
        protocol: 'REST',
        server: 'checkout GET /v1/courses/:id',
        load: httpLoad({ url: `${checkoutUrl}/v1/courses/${COURSE_ID}` }),
        processes: [app('checkout')],
        baseline: bare.http,
        bytes: rest.bytes,
      },
      bare.http,
      {
        protocol: 'gRPC',
        server: 'payment ListTestCards',
        load: grpcLoad(paymentAddress),
        processes: [app('payment')],
        baseline: bare.grpc,
        bytes: grpc.bytes,
      },
      bare.grpc,
      {
        protocol: 'GraphQL',
        server: 'bff gateway → checkout, response cache bypassed',
        load: graphqlLoad(gatewayUrl, { 'cache-control': 'no-cache' }),
        processes: [app('bff'), app('checkout')],
        baseline: bare.apollo,
        bytes: graphql.bytes,
      },
      {
        protocol: 'GraphQL',
        server: 'bff gateway, response cache hit',
        load: graphqlLoad(gatewayUrl),
        processes: [app('bff'), app('checkout')],
        baseline: bare.apollo,
        bytes: graphql.bytes,
      },
      bare.apollo,
    ];
    return { series: all, stop: () => stopAll(baselines) };
  } catch (error) {
    await stopAll(baselines);
    throw error;
  }
}

function series(
  protocol: Series['protocol'],
  server: string,
  load: LoadPhase,
  baseline: Baseline,
  bytes: number,
): Series {
  return { protocol, server, load, processes: [{ name: server, pid: baseline.pid }], bytes };
}

function graphqlLoad(url: string, headers: Record<string, string> = {}): LoadPhase {
  return httpLoad({
    url,
    method: 'POST',
    headers: { ...JSON_POST, ...headers },
    body: persistedCourseQuery.hashOnly,
  });
}

async function stopAll(baselines: readonly Baseline[]): Promise<void> {
  await Promise.all(baselines.map((b) => b.stop()));
}
