// The compose smoke test (scripts/compose-smoke.sh runs it with Node, once the
// project is up): one purchase through the composed system, as the README's
// "Try a purchase" places it, then its receipt, its analytics row and its trace.
// Exits non-zero with the failed step on stderr.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const exec = promisify(execFile);
const project = process.env.COMPOSE_PROJECT_NAME ?? 'course-shop-smoke';
const checkout = `http://127.0.0.1:${process.env.CHECKOUT_PORT ?? '3000'}`;
const bff = `http://127.0.0.1:${process.env.BFF_PORT ?? '4000'}`;
const web = `http://127.0.0.1:${process.env.WEB_PORT ?? '5173'}`;
// The README's learner and first demo course (seeded by the migrate one-shot).
const learnerId = '0b7e4a56-6f1c-4d2a-9a8e-3c5d7f9b1a20';
const courseId = '6f1c8a52-3e1b-4c9d-9a7e-1b2c3d4e5f01';
const spansFile = '/var/lib/otel-stand-in/spans.jsonl';
// Every service a purchase passes through, sync or async.
const tracedServices = ['analytics', 'checkout', 'enrollment', 'notification', 'payment'];

interface StoredSpan {
  service: string;
  traceId: string;
  name: string;
  attributes: Record<string, unknown>;
}

async function step<T>(title: string, run: () => Promise<T>): Promise<T> {
  const started = Date.now();
  const result = await run();
  console.log(`✔ ${title} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  return result;
}

// Polls until `probe` returns a value, or fails after `timeoutMs` with the last state.
async function until<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  timeoutMs = 120_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline)
      throw new Error(`${what}: not within ${timeoutMs / 1000} s (${String(last)})`);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
}

async function containerOf(service: string): Promise<string> {
  const { stdout } = await exec('podman', [
    'ps',
    '--filter',
    `label=com.docker.compose.project=${project}`,
    '--filter',
    `label=com.docker.compose.service=${service}`,
    '--format',
    '{{.Names}}',
  ]);
  const name = stdout.trim().split('\n')[0];
  if (!name) throw new Error(`no running container of service ${service}`);
  return name;
}

async function sql(database: string, query: string): Promise<string> {
  const postgres = await containerOf('postgres');
  const { stdout } = await exec('podman', [
    'exec',
    postgres,
    'psql',
    '-U',
    'postgres',
    '-d',
    database,
    '-Atc',
    query,
  ]);
  return stdout.trim();
}

async function json(response: Response): Promise<Record<string, unknown>> {
  return (await response.json()) as Record<string, unknown>;
}

async function main(): Promise<void> {
  await step('the catalog answers on the published checkout port', async () => {
    const courses = await fetch(`${checkout}/v1/courses`);
    if (!courses.ok || !(await courses.text()).includes(courseId))
      throw new Error(`GET /v1/courses: ${courses.status}`);
  });

  // As the README's "Try a purchase": a development token from the bff, then
  // REST and GraphQL as that learner.
  // `up -d` returns once the bff's container is started, not once it serves.
  const token = await step('POST /dev/tokens: a token for the demo learner', () =>
    until('the bff signing a token', async () => {
      const response = await fetch(`${bff}/dev/tokens`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ learnerId }),
      });
      const body = await json(response);
      if (!response.ok || typeof body.token !== 'string')
        throw new Error(`POST /dev/tokens: ${response.status} ${JSON.stringify(body)}`);
      return body.token;
    }),
  );
  const signedIn = { authorization: `Bearer ${token}` };

  const orderId = await step('POST /v1/orders: 201', async () => {
    const response = await fetch(`${checkout}/v1/orders`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'idempotency-key': `compose-smoke-${Date.now()}`,
        ...signedIn,
      },
      body: JSON.stringify({ courseIds: [courseId] }),
    });
    const body = await json(response);
    if (response.status !== 201)
      throw new Error(`POST /v1/orders: ${response.status} ${JSON.stringify(body)}`);
    return String(body.id);
  });
  console.log(`  order ${orderId}`);

  await step('the order is COMPLETED', () =>
    until('order COMPLETED', async () => {
      const order = await fetch(`${checkout}/v1/orders/${orderId}`, { headers: signedIn });
      const status = (await json(order)).status;
      if (status === 'CANCELLED') throw new Error('the order was CANCELLED');
      return status === 'COMPLETED' ? status : undefined;
    }),
  );

  await step("its receipt is in notification's database", () =>
    until('receipt', async () =>
      (await sql('notification', `SELECT count(*) FROM receipts WHERE order_id = '${orderId}'`)) ===
      '1'
        ? true
        : undefined,
    ),
  );

  await step("the course's conversion is in analytics' database", () =>
    until('analytics row', async () => {
      const conversions = Number(
        await sql(
          'analytics',
          `SELECT conversions FROM course_stats WHERE course_id = '${courseId}'`,
        ),
      );
      return conversions >= 1 ? conversions : undefined;
    }),
  );

  await step('the bff shows the order with its receipt to the signed-in learner', async () => {
    const query = '{ myOrders { nodes { id status receipt { sentAt } } } }';
    const response = await fetch(`${bff}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...signedIn },
      body: JSON.stringify({ query }),
    });
    const text = await response.text();
    if (!response.ok || !text.includes(orderId) || !text.includes('sentAt'))
      throw new Error(`bff: ${text}`);
  });

  await step('the web app serves its page and passes /graphql to the bff (one origin)', () =>
    until('web app', async () => {
      const page = await fetch(`${web}/orders/${orderId}`, { headers: { accept: 'text/html' } });
      const html = await page.text();
      if (!page.ok || !html.includes('<div id="root">')) return undefined;
      const response = await fetch(`${web}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...signedIn },
        body: JSON.stringify({ query: `{ order(id: "${orderId}") { status } }` }),
      });
      const text = await response.text();
      if (!response.ok || !text.includes('COMPLETED')) throw new Error(`web → bff: ${text}`);
      return text;
    }),
  );

  const services = await step("the order's trace is in the collector stand-in's span file", () =>
    until('trace', async () => {
      const { stdout } = await exec('podman', [
        'exec',
        await containerOf('otel-collector'),
        'cat',
        spansFile,
      ]);
      const spans = stdout
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as StoredSpan);
      const traces = new Set(
        spans
          .filter((span) => span.attributes['shop.order_id'] === orderId)
          .map((span) => span.traceId),
      );
      const inTraces = spans.filter((span) => traces.has(span.traceId));
      const names = [...new Set(inTraces.map((span) => span.service))].sort();
      // Each service exports in batches: wait until every hop of the purchase has.
      const missing = tracedServices.filter((service) => !names.includes(service));
      return missing.length === 0
        ? `${inTraces.length} spans in ${traces.size} trace(s) from ${names.join(', ')}`
        : undefined;
    }),
  );
  console.log(`  ${services}`);
}

main().catch((error: unknown) => {
  console.error(
    `✘ compose smoke test failed: ${error instanceof Error ? error.message : String(error)}`,
  );
  process.exit(1);
});
