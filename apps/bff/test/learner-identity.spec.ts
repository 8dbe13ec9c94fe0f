import { loadConfig } from '@shop/config';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bffConfigSchema } from '../src/config.js';
import type { IncomingHttpHeaders } from 'node:http';
import { LearnerTokens } from '@shop/identity';
import { developmentGatewayTokens } from '@shop/identity/testing';
import { BffTestApp } from './support/bff-test.app.js';
import { LEARNER_A, LEARNER_B } from './support/fake-subgraphs.js';

const ORDER_A = '{ order(id: "order-a") { id } }';

describe('learner identity', () => {
  let bff: BffTestApp;

  beforeAll(async () => {
    bff = await BffTestApp.start();
  });
  afterAll(async () => {
    await bff.close();
  });

  const lastHeadersAtCheckout = () => bff.subgraphs.checkout.received.at(-1)!;

  it('issues a signed token for a learner id at POST /dev/tokens', async () => {
    const res = await bff.app.inject({
      method: 'POST',
      url: '/dev/tokens',
      payload: { learnerId: LEARNER_A },
    });
    expect(res.statusCode).toBe(201);
    const body = res.json<{ token: string; expiresAt: string }>();
    expect(body.token.split('.')).toHaveLength(3);
    expect(Date.parse(body.expiresAt) - Date.now()).toBeGreaterThan(800_000);
  });

  it('refuses to issue a token for something that is not a learner id', async () => {
    const res = await bff.app.inject({
      method: 'POST',
      url: '/dev/tokens',
      payload: { learnerId: 'admin' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
  });

  it('passes the verified learner to subgraphs in a token signed for that subgraph, with the correlation id', async () => {
    const { body } = await bff.graphql({
      query: ORDER_A,
      token: await bff.tokenFor(LEARNER_A),
      headers: { 'x-correlation-id': 'learner-test-1' },
    });
    expect(body.data).toEqual({ order: { id: 'order-a' } });
    const received = lastHeadersAtCheckout();
    expect(received).toMatchObject({ 'x-correlation-id': 'learner-test-1' });
    expect(await learnerAtCheckout(received)).toBe(LEARNER_A);
    // Only the checkout edge's key and audience accept it.
    await expect(
      developmentGatewayTokens('enrollment').verify(String(received['x-gateway-token'])),
    ).rejects.toMatchObject({ reason: 'invalid' });
  });

  it('sends an anonymous request a token without a learner, and never a plain x-learner-id', async () => {
    await bff.graphql({ query: '{ courses(first: 1) { nodes { id } } }', headers: NO_CACHE });
    const received = lastHeadersAtCheckout();
    expect(await learnerAtCheckout(received)).toBeUndefined();
    expect(received).not.toHaveProperty('x-learner-id');
  });

  it('never forwards what the client sent: a forged x-learner-id, its token, its cookies', async () => {
    const forged = { 'x-learner-id': LEARNER_B, cookie: 'session=1', 'x-custom': 'yes' };
    const anonymous = await bff.graphql({ query: ORDER_A, headers: forged });
    expect(anonymous.body.errors?.[0]?.extensions).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(lastHeadersAtCheckout()['x-learner-id']).toBeUndefined();
    expect(await learnerAtCheckout(lastHeadersAtCheckout())).toBeUndefined();

    const token = await bff.tokenFor(LEARNER_A);
    const signedIn = await bff.graphql({ query: ORDER_A, token, headers: forged });
    expect(signedIn.body.data).toEqual({ order: { id: 'order-a' } });
    const received = lastHeadersAtCheckout();
    expect(received).not.toHaveProperty('x-learner-id');
    expect(await learnerAtCheckout(received)).toBe(LEARNER_A);
    expect(received).not.toHaveProperty('authorization');
    expect(received).not.toHaveProperty('cookie');
    expect(received).not.toHaveProperty('x-custom');
  });

  it.each([
    ['a malformed header', 'Token abc'],
    ['a forged token', 'Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl'],
  ])('answers %s with UNAUTHENTICATED (401), calling no subgraph', async (_case, authorization) => {
    const before = bff.fetchCounts().checkout;
    const { status, body } = await bff.graphql({
      query: '{ courses { nodes { id } } }',
      headers: { authorization },
    });
    expect(status).toBe(401);
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(bff.fetchCounts().checkout).toBe(before);
  });

  it('answers an expired token with UNAUTHENTICATED, saying it expired', async () => {
    const { status, body } = await bff.graphql({
      query: ORDER_A,
      token: await expiredToken(),
    });
    expect(status).toBe(401);
    // A GraphQLError thrown while building the context keeps its message (Apollo
    // prefixes only other errors with "Context creation failed: ").
    expect(body.errors?.[0]).toMatchObject({
      message: 'The bearer token has expired.',
      extensions: { code: 'UNAUTHENTICATED' },
    });
  });

  it('gives another learner’s order as null with FORBIDDEN', async () => {
    const { body } = await bff.graphql({ query: ORDER_A, token: await bff.tokenFor(LEARNER_B) });
    expect(body.data).toEqual({ order: null });
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });
  });
});

describe('learner identity with DEV_TOKENS=false', () => {
  it('does not serve POST /dev/tokens', async () => {
    const bff = await BffTestApp.start({ DEV_TOKENS: 'false' });
    try {
      const res = await bff.app.inject({
        method: 'POST',
        url: '/dev/tokens',
        payload: { learnerId: LEARNER_A },
      });
      expect(res.statusCode).toBe(404);
    } finally {
      await bff.close();
    }
  });
});

const NO_CACHE = { 'cache-control': 'no-cache' };

// The learner checkout's subgraph would act on: the subject of the gateway's token.
function learnerAtCheckout(headers: IncomingHttpHeaders): Promise<string | undefined> {
  return developmentGatewayTokens('checkout').verify(String(headers['x-gateway-token']));
}

// Signed with bff's default development settings, but 16 minutes ago.
async function expiredToken(): Promise<string> {
  const config = loadConfig('bff', bffConfigSchema, { NODE_ENV: 'development' });
  const tokens = new LearnerTokens({
    secret: config.JWT_SECRET,
    issuer: config.JWT_ISSUER,
    audience: config.JWT_AUDIENCE,
    ttlSeconds: config.JWT_TTL_SECONDS,
  });
  return (await tokens.issue(LEARNER_A, new Date(Date.now() - 16 * 60_000))).token;
}
