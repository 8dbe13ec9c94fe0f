// The physical limit (issue 17): what this machine can do for the work one
// order needs, measured with the stack's own PostgreSQL and brokers, and the
// orders per second it could carry if the services cost nothing. A script,
// not a test; exits 0 whatever it measures.
//
//   pnpm --filter @shop/e2e bench:ceiling                 # starts its own stack
//   BENCH_STACK_CONTROL_FILE=.data/stack/control.json pnpm --filter @shop/e2e bench:ceiling
//   CEILING_DURATION_S (10) CEILING_PG_CLIENTS (8) CEILING_MESSAGES (5000)
//   CEILING_IN_FLIGHT (8) CEILING_HTTP_CONNECTIONS (50)
import { cpus, loadavg } from 'node:os';
import { benchStack } from './bench-stack.js';
import { amqpMessagesPerS, kafkaMessagesPerS } from './ceiling/broker-throughput.js';
import { ceilingOf, type Resource } from './ceiling/ceiling-model.js';
import { measureFlowShape, type FlowShape } from './ceiling/flow-shape.js';
import { postgresCommitsPerS } from './ceiling/postgres-commits.js';
import { FlowCounter } from './flow-counts.js';
import { COURSE, placeOrders, settle } from './order-load.js';
import { benchSeries } from './protocols/bench-series.js';

const DURATION_S = Number(process.env.CEILING_DURATION_S ?? 10);
const PG_CLIENTS = Number(process.env.CEILING_PG_CLIENTS ?? 8);
const MESSAGES = Number(process.env.CEILING_MESSAGES ?? 5000);
const IN_FLIGHT = Number(process.env.CEILING_IN_FLIGHT ?? 8);
const HTTP_CONNECTIONS = Number(process.env.CEILING_HTTP_CONNECTIONS ?? 50);
// A CloudEvent of the flow, roughly: what the outbox relays send.
const MESSAGE_BYTES = 700;
const say = (line: string) => {
  process.stdout.write(`${line}\n`);
};

async function main(): Promise<void> {
  say(
    `load average before the run: ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}; ${cpus().length} cores; Node ${process.version}`,
  );
  const stack = await benchStack(process.env.BENCH_STACK_CONTROL_FILE, say);
  const { description } = stack;
  const counter = new FlowCounter(description.databaseUrls, COURSE);
  try {
    await counter.raiseCapacity(1_000_000);
    const url = `http://127.0.0.1:${description.ports.CHECKOUT_PORT}`;
    const cold = await counter.count();
    const warmUp = await placeOrders(url, 2, 4); // JIT, pools, consumer groups
    await settle(counter, cold, warmUp.created);

    say(`\nwhat one order needs: orders at 4 connections for ${DURATION_S} s, counted`);
    const shape = await measureFlowShape(description, counter, {
      connections: 4,
      durationS: DURATION_S,
    });
    printShape(shape);

    say(`\nwhat the machine does, each measured alone:`);
    const adminUrl = description.databaseUrls.checkout;
    if (!adminUrl) throw new Error('the stack describes no checkout database');
    const commits = await postgresCommitsPerS(adminUrl, {
      clients: PG_CLIENTS,
      durationS: DURATION_S,
    });
    say(
      `  PostgreSQL: ${commits.toFixed(0)} commits/s (pgbench, ${PG_CLIENTS} clients, 3 writes each)`,
    );
    const pipeline = { messages: MESSAGES, bytes: MESSAGE_BYTES, inFlight: IN_FLIGHT };
    const kafka = await kafkaMessagesPerS(
      description.kafkaBrokers,
      description.kafkaAdminLogin,
      pipeline,
    );
    say(`  Kafka: ${kafka.toFixed(0)} messages/s produced (acks=all) and consumed`);
    const rabbit = await amqpMessagesPerS(description.amqpUrl, pipeline);
    say(`  AMQP: ${rabbit.toFixed(0)} messages/s published (confirmed) and consumed (acked)`);
    const { http, grpc } = await bareRoundTrips(description);
    say(
      `  HTTP: ${http.toFixed(0)} round trips/s (bare node:http, ${HTTP_CONNECTIONS} connections)`,
    );
    say(
      `  gRPC: ${grpc.toFixed(0)} round trips/s (bare @grpc/grpc-js, ${HTTP_CONNECTIONS} callers)`,
    );

    // A pipeline unit is one message produced and one consumed; an order's
    // messages are each produced once and handled by one or more consumers.
    const units = (published: number, delivered: number) => (published + delivered) / 2;
    const resources: Resource[] = [
      { name: 'PostgreSQL', unit: 'commit', perOrder: shape.commits, capacityPerS: commits },
      {
        name: 'Kafka',
        unit: 'message in + out',
        perOrder: units(shape.kafkaPublished, shape.kafkaDeliveries),
        capacityPerS: kafka,
      },
      {
        name: 'RabbitMQ',
        unit: 'message in + out',
        perOrder: units(shape.amqpPublished, shape.amqpDeliveries),
        capacityPerS: rabbit,
      },
      { name: 'HTTP', unit: 'round trip', perOrder: shape.httpRequests, capacityPerS: http },
      { name: 'gRPC', unit: 'round trip', perOrder: shape.grpcCalls, capacityPerS: grpc },
    ];
    printCeiling(resources);
  } finally {
    await counter.close();
    await stack.stop();
  }
}

async function bareRoundTrips(
  description: Parameters<typeof benchSeries>[0],
): Promise<{ http: number; grpc: number }> {
  const bench = await benchSeries(description);
  try {
    const rate = async (server: string) => {
      const series = bench.series.find((s) => s.server === server);
      if (!series) throw new Error(`no series ${server}`);
      await series.load(HTTP_CONNECTIONS, 2); // warm-up
      const result = await series.load(HTTP_CONNECTIONS, DURATION_S);
      return result.ok / result.durationS;
    };
    return { http: await rate('bare node:http'), grpc: await rate('bare @grpc/grpc-js') };
  } finally {
    await bench.stop();
  }
}

function printShape(shape: FlowShape): void {
  const f = (n: number) => n.toFixed(2);
  say(`  orders paid and settled: ${shape.orders}`);
  say(`  commits: ${f(shape.commits)} per order (every database, background work included)`);
  say(
    `  Kafka: ${f(shape.kafkaPublished)} published, ${f(shape.kafkaDeliveries)} handled by consumers per order`,
  );
  say(`  AMQP: ${f(shape.amqpPublished)} published, ${f(shape.amqpDeliveries)} handled per order`);
  say(`  gRPC: ${f(shape.grpcCalls)} calls, HTTP: ${f(shape.httpRequests)} requests per order`);
}

function printCeiling(resources: readonly Resource[]): void {
  const ceiling = ceilingOf(resources);
  say('\n| resource | per order | capacity /s | orders/s if alone | share of an order |');
  say('| --- | ---: | ---: | ---: | ---: |');
  for (const r of ceiling.rows)
    say(
      `| ${r.name} | ${r.perOrder.toFixed(2)} ${r.unit} | ${r.capacityPerS.toFixed(0)} | ${r.ordersPerSAlone.toFixed(0)} | ${(r.share * 100).toFixed(0)} % |`,
    );
  say(
    `\nphysical limit: ${ceiling.ordersPerS.toFixed(0)} orders/s (${ceiling.msPerOrder.toFixed(2)} ms of the machine per order)`,
  );
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(
      `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(1);
  },
);
