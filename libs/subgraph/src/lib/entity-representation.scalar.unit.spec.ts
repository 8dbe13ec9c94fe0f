import { Kind } from 'graphql';
import { describe, expect, it } from 'vitest';
import { entityRepresentationScalar } from './entity-representation.scalar.js';

const SDL = `
  type Order @key(fields: "id") { id: ID! receipt: String }
  type Course @key(fields: "id") { id: ID! }
  type Receipt { id: ID! }
`;
const any = entityRepresentationScalar(SDL);

describe('_Any, checked against the subgraph’s entities', () => {
  it('takes a representation of an entity with its key as text', () => {
    const order = { __typename: 'Order', id: '0b7e4a56-6f1c-4d2a-9a8e-3c5d7f9b1a20' };
    expect(any.parseValue(order)).toEqual(order);
    expect(
      any.parseLiteral(
        {
          kind: Kind.OBJECT,
          fields: [
            {
              kind: Kind.OBJECT_FIELD,
              name: { kind: Kind.NAME, value: '__typename' },
              value: { kind: Kind.STRING, value: 'Course' },
            },
            {
              kind: Kind.OBJECT_FIELD,
              name: { kind: Kind.NAME, value: 'id' },
              value: { kind: Kind.VARIABLE, name: { kind: Kind.NAME, value: 'id' } },
            },
          ],
        },
        { id: 'c-1' },
      ),
    ).toEqual({ __typename: 'Course', id: 'c-1' });
  });

  it.each([
    ['not an object', false],
    ['not an object', null],
    ['not an object', ['Order']],
    ['__typename must name an entity of this subgraph (Order, Course)', { id: 'o-1' }],
    [
      '__typename must name an entity of this subgraph (Order, Course)',
      { __typename: 'Receipt', id: 'r' },
    ],
    ['__typename must name an entity of this subgraph (Order, Course)', { __typename: 'Query' }],
    ['Order needs id as text without NUL or lone surrogates', { __typename: 'Order' }],
    ['Order needs id as text without NUL or lone surrogates', { __typename: 'Order', id: 7 }],
    [
      'Order needs id as text without NUL or lone surrogates',
      { __typename: 'Order', id: 'a\u0000' },
    ],
    [
      'Order needs id as text without NUL or lone surrogates',
      { __typename: 'Order', id: '\ud800' },
    ],
  ])('refuses as BAD_USER_INPUT (%s): %j', (reason, value) => {
    expect(() => any.parseValue(value)).toThrow(
      expect.objectContaining({
        message: `Invalid entity representation: ${reason}`,
        extensions: { code: 'BAD_USER_INPUT' },
      }),
    );
  });
});
