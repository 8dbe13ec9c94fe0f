import { describe, expect, it } from 'vitest';
import { GraphQLRequestError } from './graphql-request-error';
import { CoursePageQuery } from './operations';
import { PersistedQueryClient, sha256Hex } from './persisted-query.client';

interface Sent {
  readonly body: {
    operationName?: string;
    query?: string;
    extensions: { persistedQuery: { sha256Hash: string } };
  };
  readonly headers: Record<string, string>;
}

/** A fetch that records each request and answers with the next canned body. */
function fakeFetch(answers: readonly unknown[]) {
  const sent: Sent[] = [];
  const fetchFn: typeof fetch = (_url, init) => {
    sent.push({
      body: JSON.parse(init?.body as string) as Sent['body'],
      headers: init?.headers as Record<string, string>,
    });
    const answer = answers[sent.length - 1];
    return Promise.resolve(new Response(JSON.stringify(answer), { status: 200 }));
  };
  return { sent, fetchFn };
}

const course = { id: 'c1', title: 'T', description: 'D', price: null, seats: null };

describe('PersistedQueryClient', () => {
  it('sends the hash alone first, and hash plus query when the bff does not know it', async () => {
    const { sent, fetchFn } = fakeFetch([
      {
        errors: [
          { message: 'PersistedQueryNotFound', extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' } },
        ],
      },
      { data: { course } },
    ]);
    const client = new PersistedQueryClient('/graphql', fetchFn);

    const data = await client.execute(CoursePageQuery, { id: 'c1' });

    expect(data.course?.id).toBe('c1');
    expect(sent).toHaveLength(2);
    expect(sent[0]!.body.query).toBeUndefined();
    expect(sent[0]!.body.operationName).toBe('CoursePage');
    const query = sent[1]!.body.query!;
    expect(query).toContain('query CoursePage');
    expect(sent[0]!.body.extensions.persistedQuery.sha256Hash).toBe(await sha256Hex(query));
    expect(sent[1]!.body.extensions.persistedQuery.sha256Hash).toBe(await sha256Hex(query));
  });

  it('sends only the hash when the bff knows the query', async () => {
    const { sent, fetchFn } = fakeFetch([{ data: { course } }]);
    await new PersistedQueryClient('/graphql', fetchFn).execute(
      CoursePageQuery,
      { id: 'c1' },
      { token: 'tkn' },
    );
    expect(sent).toHaveLength(1);
    expect(sent[0]!.body.query).toBeUndefined();
    expect(sent[0]!.headers.authorization).toBe('Bearer tkn');
  });

  it('reports a GraphQL error with its message and extensions.code', async () => {
    const { fetchFn } = fakeFetch([
      {
        errors: [{ message: 'Card declined', extensions: { code: 'PAYMENT_DECLINED' } }],
        data: null,
      },
    ]);
    const failure = await new PersistedQueryClient('/graphql', fetchFn)
      .execute(CoursePageQuery, { id: 'c1' })
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(GraphQLRequestError);
    expect((failure as GraphQLRequestError).failure).toEqual({
      kind: 'graphql',
      code: 'PAYMENT_DECLINED',
      message: 'Card declined',
    });
    expect((failure as GraphQLRequestError).retryable).toBe(false);
  });

  it('keeps the order a GraphQL error names (extensions.orderId), so the page can link to it', async () => {
    const { fetchFn } = fakeFetch([
      {
        errors: [
          {
            message: 'payment declined (PROCESSOR_DECLINED); order o-1 is cancelled',
            extensions: { code: 'PAYMENT_DECLINED', orderId: 'o-1' },
          },
        ],
        data: null,
      },
    ]);
    const failure = await new PersistedQueryClient('/graphql', fetchFn)
      .execute(CoursePageQuery, { id: 'c1' })
      .catch((error: unknown) => error);
    expect((failure as GraphQLRequestError).failure).toMatchObject({
      code: 'PAYMENT_DECLINED',
      orderId: 'o-1',
    });
  });

  it('reports a failed connection as a retryable network error', async () => {
    const refused: typeof fetch = () => Promise.reject(new TypeError('Failed to fetch'));
    const failure = await new PersistedQueryClient('/graphql', refused)
      .execute(CoursePageQuery, { id: 'c1' })
      .catch((error: unknown) => error);
    expect((failure as GraphQLRequestError).code).toBe('NETWORK_ERROR');
    expect((failure as GraphQLRequestError).retryable).toBe(true);
  });

  it('reports an answer that is not GraphQL (the bff down behind the web server) as retryable', async () => {
    const badGateway: typeof fetch = () =>
      Promise.resolve(
        new Response(JSON.stringify({ title: 'Bad Gateway', status: 502 }), { status: 502 }),
      );
    const failure = await new PersistedQueryClient('/graphql', badGateway)
      .execute(CoursePageQuery, { id: 'c1' })
      .catch((error: unknown) => error);
    expect((failure as GraphQLRequestError).code).toBe('NETWORK_ERROR');
    expect((failure as GraphQLRequestError).message).toContain('HTTP 502');
    expect((failure as GraphQLRequestError).retryable).toBe(true);
  });
});
