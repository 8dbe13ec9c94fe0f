import { isStorableText } from '@shop/contracts';
import {
  GraphQLError,
  GraphQLScalarType,
  Kind,
  parse,
  valueFromASTUntyped,
  type ObjectTypeDefinitionNode,
  type ObjectTypeExtensionNode,
} from 'graphql';

/** The entity types an SDL declares (`@key(fields: "…")`) and the fields of their keys. */
function entityKeys(sdl: string): ReadonlyMap<string, readonly string[][]> {
  const keys = new Map<string, string[][]>();
  for (const definition of parse(sdl).definitions) {
    if (
      definition.kind !== Kind.OBJECT_TYPE_DEFINITION &&
      definition.kind !== Kind.OBJECT_TYPE_EXTENSION
    ) {
      continue;
    }
    const type: ObjectTypeDefinitionNode | ObjectTypeExtensionNode = definition;
    for (const directive of type.directives ?? []) {
      if (directive.name.value !== 'key') continue;
      const fields = directive.arguments?.find((argument) => argument.name.value === 'fields');
      if (fields?.value.kind !== Kind.STRING) continue;
      const list = keys.get(type.name.value) ?? [];
      list.push(fields.value.value.split(/\s+/).filter(Boolean));
      keys.set(type.name.value, list);
    }
  }
  return keys;
}

function refuse(reason: string): never {
  throw new GraphQLError(`Invalid entity representation: ${reason}`, {
    extensions: { code: 'BAD_USER_INPUT' },
  });
}

/**
 * `_Any`, the type of `_entities(representations:)`, checked against the
 * subgraph's own entities before any resolver runs: an object whose
 * `__typename` names an entity of this SDL and that holds every field of one
 * of its keys as storable text (no NUL, no lone surrogate). Apollo's own
 * `_Any` takes any value, and its `_entities` resolver throws a plain Error —
 * an INTERNAL_SERVER_ERROR — for `false` or an unknown type name; here they
 * are BAD_USER_INPUT, as any other argument of the wrong shape.
 */
export function entityRepresentationScalar(sdl: string): GraphQLScalarType {
  const keys = entityKeys(sdl);
  const known = [...keys.keys()].join(', ');
  const check = (value: unknown): Record<string, unknown> => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      refuse('not an object');
    }
    const representation = value as Record<string, unknown>;
    const typename = representation.__typename;
    const typeKeys = typeof typename === 'string' ? keys.get(typename) : undefined;
    if (typeof typename !== 'string' || typeKeys === undefined) {
      refuse(`__typename must name an entity of this subgraph (${known})`);
    }
    const complete = typeKeys.some((fields) =>
      fields.every((field) => {
        const id = representation[field];
        return typeof id === 'string' && isStorableText(id);
      }),
    );
    if (!complete) {
      refuse(
        `${typename} needs ${typeKeys.map((fields) => fields.join(' + ')).join(' or ')} as text without NUL or lone surrogates`,
      );
    }
    return representation;
  };
  return new GraphQLScalarType({
    name: '_Any',
    serialize: (value) => value,
    parseValue: check,
    parseLiteral: (ast, variables) => check(valueFromASTUntyped(ast, variables)),
  });
}
