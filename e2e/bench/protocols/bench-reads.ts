import { createHash } from 'node:crypto';
import * as grpc from '@grpc/grpc-js';
import { loadPaymentV1Service } from '@shop/contracts';
import { developmentPaymentTokens } from '@shop/identity/testing';

/** The course the benchmark reads (async-messaging-101 of checkout's demo catalog). */
export const COURSE_ID = '6f1c8a52-3e1b-4c9d-9a7e-1b2c3d4e5f01';

export const COURSE_QUERY =
  'query Course($id: ID!) { course(id: $id) { id slug title description price { amountMinor currency } } }';

/**
 * Automatic persisted queries: the client sends only the query's hash. The
 * first request also carries the query text, which registers it; the load
 * then sends `{ variables, extensions }` alone, as the seed's gateway did.
 */
export const persistedCourseQuery = {
  register: JSON.stringify({ query: COURSE_QUERY, ...hashOnly() }),
  hashOnly: JSON.stringify(hashOnly()),
};

function hashOnly() {
  const sha256Hash = createHash('sha256').update(COURSE_QUERY).digest('hex');
  return {
    variables: { id: COURSE_ID },
    extensions: { persistedQuery: { version: 1, sha256Hash } },
  };
}

/** One answer of a read, and what a baseline needs to serve the same one. */
export interface Read {
  /** Bytes of the response body (gRPC: the encoded message). */
  readonly bytes: number;
  /** What the baseline serves, JSON. */
  readonly payload: string;
}

export async function restRead(baseUrl: string): Promise<Read> {
  const res = await fetch(`${baseUrl}/v1/courses/${COURSE_ID}`);
  const body = await res.text();
  if (res.status !== 200) throw new Error(`GET /v1/courses/:id answered ${res.status}: ${body}`);
  return { bytes: Buffer.byteLength(body), payload: body };
}

/** Registers the persisted query, then checks that the hash alone is answered. */
export async function graphqlRead(endpoint: string): Promise<Read> {
  await postGraphql(endpoint, persistedCourseQuery.register);
  const body = await postGraphql(endpoint, persistedCourseQuery.hashOnly);
  const parsed = JSON.parse(body) as { data?: { course?: unknown }; errors?: unknown };
  if (parsed.errors !== undefined || !parsed.data?.course)
    throw new Error(`course(id) through ${endpoint} failed: ${body}`);
  return { bytes: Buffer.byteLength(body), payload: JSON.stringify(parsed.data.course) };
}

async function postGraphql(endpoint: string, body: string): Promise<string> {
  const res = await fetch(endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
  });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`${endpoint} answered ${res.status}: ${text}`);
  return text;
}

export async function grpcRead(address: string): Promise<Read> {
  const PaymentService = loadPaymentV1Service();
  const client = new PaymentService(address, grpc.credentials.createInsecure());
  // payment answers checkout only: sign in as checkout, as the stack's checkout does.
  const metadata = new grpc.Metadata();
  metadata.set(
    'authorization',
    `Bearer ${(await developmentPaymentTokens().issue('checkout')).token}`,
  );
  try {
    const response = await new Promise<object>((resolve, reject) => {
      const call = (client as unknown as Record<string, UnaryCall>).listTestCards!.bind(client);
      call({}, metadata, { deadline: Date.now() + 5_000 }, (error, answer) => {
        if (error) reject(error);
        else resolve(answer ?? {});
      });
    });
    const method = Object.values(PaymentService.service).find((m) =>
      m.path.endsWith('/ListTestCards'),
    );
    const bytes = method ? method.responseSerialize(response).length : NaN;
    return { bytes, payload: JSON.stringify(response) };
  } finally {
    client.close();
  }
}

type UnaryCall = (
  request: object,
  metadata: grpc.Metadata,
  options: grpc.CallOptions,
  callback: (error: grpc.ServiceError | null, response?: object) => void,
) => void;
