import type { GraphQLFormattedError } from 'graphql';

// Apollo Server answers these APQ refusals with a 400 but leaves them coded
// INTERNAL_SERVER_ERROR; its messages are fixed, so each names a precise code
// (the hash mismatch as Apollo Router codes it).
const CODE_OF_MESSAGE: Readonly<Record<string, string>> = {
  'provided sha does not match query': 'PERSISTED_QUERY_HASH_MISMATCH',
  'Unsupported persisted query version': 'BAD_REQUEST',
};

/** The error with the precise code of an APQ refusal; any other error unchanged. */
export function withPersistedQueryCode(formatted: GraphQLFormattedError): GraphQLFormattedError {
  const code = CODE_OF_MESSAGE[formatted.message];
  if (code === undefined || formatted.extensions?.code !== 'INTERNAL_SERVER_ERROR')
    return formatted;
  return { ...formatted, extensions: { ...formatted.extensions, code } };
}
