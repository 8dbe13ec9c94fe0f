import { Injectable, Module } from '@nestjs/common';
import { Args, Context, Query, Resolver } from '@nestjs/graphql';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { subgraphSdl } from '@shop/contracts';
import { gatewayEdge, SignedTokens, type SignedTokenSettings } from '@shop/identity';
import {
  createHttpApp,
  createLogger,
  LoggingModule,
  ProblemException,
  problemType,
} from '@shop/platform';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  forbidden,
  requireLearner,
  SubgraphModule,
  type LoadersFactory,
  type SubgraphContext,
} from '../src/index.js';

const LEARNER = '0b7e4a56-6f1c-4d2a-9a8e-3c5d7f9b1a20';
const SECRET = 'a-gateway-to-checkout-secret-of-32-characters';
const edge = (override: Partial<SignedTokenSettings> = {}) =>
  new SignedTokens({ secret: SECRET, ...gatewayEdge('checkout'), ...override });

interface TestLoaders {
  readonly requestNumber: number;
  readonly learnerId: string | undefined;
}

@Injectable()
class TestLoadersFactory implements LoadersFactory<TestLoaders> {
  private requests = 0;
  forRequest(learnerId: string | undefined): TestLoaders {
    this.requests += 1;
    return { requestNumber: this.requests, learnerId };
  }
}

const price = { amountMinor: 4900, currency: 'EUR' };

// checkout's SDL with a stand-in resolver: the course id picks a behaviour.
@Resolver()
class TestQueries {
  @Query('course')
  course(@Args('id') id: string, @Context() context: SubgraphContext<TestLoaders>) {
    switch (id) {
      case 'bug':
        throw new Error('secret connection string in a stack trace');
      case 'problem':
        throw new ProblemException({
          type: problemType('course-not-found'),
          title: 'No such course',
          status: 404,
          detail: 'no course with id problem',
        });
      case 'private':
        requireLearner(context);
        throw forbidden('not your course');
      case 'who': {
        const { requestNumber, learnerId } = context.loaders;
        return { id, slug: String(requestNumber), title: learnerId ?? 'nobody', price };
      }
      default:
        return { id, slug: 'messaging', title: 'Messaging', price };
    }
  }

  @Query('order')
  order(@Args('id') id: string) {
    return { id, learnerId: LEARNER, status: 'PAID', total: price };
  }
}

@Module({ providers: [TestLoadersFactory, TestQueries], exports: [TestLoadersFactory] })
class TestGraphModule {}

@Module({
  imports: [
    LoggingModule.forRoot(createLogger({ service: 'subgraph-test', level: 'silent' })),
    SubgraphModule.forRoot({
      subgraph: 'checkout',
      imports: [TestGraphModule],
      loaders: TestLoadersFactory,
      // As outside development: the schema is not revealed.
      config: {
        GATEWAY_TOKEN_SECRET: SECRET,
        GRAPHQL_INTROSPECTION: false,
        GRAPHQL_FIELD_SUGGESTIONS: false,
      },
    }),
  ],
})
class TestAppModule {}

let app: NestFastifyApplication;

beforeAll(async () => {
  app = await createHttpApp(TestAppModule, { shutdownHooks: false });
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
});
afterAll(async () => {
  await app.close();
});

interface Body {
  data?: Record<string, { slug: string; title: string } | null>;
  errors?: { message: string; extensions: Record<string, unknown> }[];
}

/** As the gateway calls: its token for the learner (or nobody), plus `headers`. */
async function graphql(query: string, headers: Record<string, string> = {}, learnerId?: string) {
  const token = (await edge().issue(learnerId)).token;
  return rawGraphql(query, { 'x-gateway-token': token, ...headers });
}

/** Exactly these headers, as anyone who reaches the port could send. */
async function rawGraphql(query: string, headers: Record<string, string>) {
  const res = await app.inject({
    method: 'POST',
    url: '/graphql',
    headers: { 'content-type': 'application/json', ...headers },
    payload: { query },
  });
  return { res, body: res.json<Body>() };
}

const course = (id: string) => `{ course(id: "${id}") { slug title price { amountMinor } } }`;

describe('SubgraphModule', () => {
  it('serves the contract SDL at POST /graphql, for the gateway (_service.sdl)', async () => {
    const { body } = await graphql('{ _service { sdl } }');

    const sdl = (body.data?._service as unknown as { sdl: string }).sdl;
    expect(sdl).toContain('course(id: ID!): Course @cacheControl(maxAge: 60)');
    expect(subgraphSdl('checkout')).toContain('course(id: ID!): Course @cacheControl(maxAge: 60)');
  });

  it('sends the SDL’s cache hints as Cache-Control, for the gateway to honour', async () => {
    const catalog = await graphql(course('c1'));
    const entity = await graphql(
      '{ _entities(representations: [{ __typename: "Course", id: "c1" }]) { __typename } }',
    );

    expect(catalog.body.errors).toBeUndefined();
    expect(catalog.res.headers['cache-control']).toBe('max-age=60, public');
    expect(entity.res.headers['cache-control']).toBe('max-age=60, public');
  });

  it('marks private data (an order) as not cacheable', async () => {
    const { res, body } = await graphql('{ order(id: "o1") { id total { amountMinor } } }');

    expect(body.errors).toBeUndefined();
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('answers an error with code, problem type and the request’s correlation id, and no-store', async () => {
    const { res, body } = await graphql(
      course('private'),
      { 'x-correlation-id': 'corr-forbidden' },
      LEARNER,
    );

    expect(body.data).toEqual({ course: null });
    expect(body.errors).toEqual([
      expect.objectContaining({
        message: 'not your course',
        path: ['course'],
        extensions: {
          code: 'FORBIDDEN',
          type: problemType('forbidden'),
          correlationId: 'corr-forbidden',
        },
      }),
    ]);
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('answers UNAUTHENTICATED when a field needs a learner and the gateway’s token names none', async () => {
    const { body } = await graphql(course('private'));

    expect(body.errors?.[0]?.extensions).toMatchObject({
      code: 'UNAUTHENTICATED',
      type: problemType('unauthenticated'),
    });
  });

  it('turns a ProblemException into an error with the problem’s type and a code from its status', async () => {
    const { body } = await graphql(course('problem'));

    expect(body.errors?.[0]).toMatchObject({
      message: 'no course with id problem',
      extensions: { code: 'NOT_FOUND', type: problemType('course-not-found') },
    });
  });

  it('masks an unexpected error as INTERNAL_SERVER_ERROR, without its message', async () => {
    const { body } = await graphql(course('bug'));

    expect(body.errors?.[0]).toMatchObject({
      message: 'Internal server error',
      extensions: { code: 'INTERNAL_SERVER_ERROR', type: problemType('internal-error') },
    });
    expect(JSON.stringify(body)).not.toContain('secret');
  });

  it('gives request errors (validation) a problem type and a correlation id too', async () => {
    const { body } = await graphql('{ nope }');

    expect(body.errors?.[0]?.extensions).toMatchObject({
      code: 'GRAPHQL_VALIDATION_FAILED',
      type: problemType('invalid-request'),
      correlationId: expect.any(String) as unknown,
    });
  });

  it('builds fresh loaders for every request, with that request’s learner', async () => {
    const first = await graphql(course('who'), {}, LEARNER);
    const second = await graphql(course('who'));

    const who = first.body.data?.course;
    const next = second.body.data?.course;
    expect(Number(next?.slug)).toBe(Number(who?.slug) + 1);
    expect(who?.title).toBe(LEARNER);
    expect(next?.title).toBe('nobody');
  });
});

describe('SubgraphModule with GRAPHQL_INTROSPECTION and GRAPHQL_FIELD_SUGGESTIONS off', () => {
  it('refuses introspection and names no similar field, yet serves its SDL to the gateway', async () => {
    const introspection = await graphql('{ __schema { queryType { name } } }');
    expect(introspection.body.errors?.[0]?.message).toMatch(/introspection is not allowed/i);
    const typo = await graphql('{ coursez { id } }');
    expect(typo.body.errors?.[0]?.message).not.toMatch(/Did you mean/);
    const sdl = await graphql('{ _service { sdl } }');
    expect(sdl.body.errors).toBeUndefined();
  });
});

describe('SubgraphModule answers the gateway only', () => {
  const who = '{ course(id: "who") { title } }';

  it('acts as the learner the gateway’s token names, and as nobody with an anonymous one', async () => {
    const signedIn = await rawGraphql(who, {
      'x-gateway-token': (await edge().issue(LEARNER)).token,
    });
    expect(signedIn.body.data?.course?.title).toBe(LEARNER);
    const anonymous = await rawGraphql(who, {
      'x-gateway-token': (await edge().issue(undefined)).token,
    });
    expect(anonymous.body.data?.course?.title).toBe('nobody');
  });

  it.each([
    ['no gateway token, only x-learner-id', () => Promise.resolve({ 'x-learner-id': LEARNER })],
    [
      'a token signed with another key',
      async () => ({
        'x-gateway-token': (
          await edge({ secret: 'another-key-of-at-least-32-characters' }).issue(LEARNER)
        ).token,
      }),
    ],
    [
      'a token for another subgraph',
      async () => ({
        'x-gateway-token': (await edge(gatewayEdge('enrollment')).issue(LEARNER)).token,
      }),
    ],
    [
      'an expired token',
      async () => ({ 'x-gateway-token': (await edge({ ttlSeconds: -120 }).issue(LEARNER)).token }),
    ],
    ['a learner token instead', () => Promise.resolve({ authorization: 'Bearer x.y.z' })],
  ])('refuses a request with %s: 401 UNAUTHENTICATED, no resolver runs', async (_case, headers) => {
    const { res, body } = await rawGraphql(who, await headers());
    expect(res.statusCode).toBe(401);
    expect(body.data ?? null).toBeNull();
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'UNAUTHENTICATED' });
  });
});
