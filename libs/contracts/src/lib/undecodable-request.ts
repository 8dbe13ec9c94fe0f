import type { MethodDefinition, PackageDefinition } from '@grpc/proto-loader';

const UNDECODABLE = Symbol('undecodable request');

/**
 * Makes a server read a request that is not valid protobuf as the empty
 * message, marked with why it could not be decoded, instead of failing the
 * call. grpc-js answers a request it cannot deserialize with INTERNAL, a
 * server fault; bytes a client sent are the client's error, so the server
 * refuses the marked message with INVALID_ARGUMENT (see `undecodableReason`).
 * Unmarked, the empty message is still refused by every method that needs a
 * field. For Nest's gRPC `onLoadPackageDefinition`.
 */
export function decodeRequestsLeniently(definition: PackageDefinition): void {
  for (const entry of Object.values(definition)) {
    for (const method of Object.values(entry)) {
      if (isMethod(method)) lenient(method);
    }
  }
}

/** Why the request could not be decoded, for one that `decodeRequestsLeniently` marked. */
export function undecodableReason(request: object): string | undefined {
  const reason: unknown = (request as Record<symbol, unknown>)[UNDECODABLE];
  return typeof reason === 'string' ? reason : undefined;
}

function lenient(method: MethodDefinition<object, unknown>): void {
  const decode = method.requestDeserialize;
  method.requestDeserialize = (bytes: Buffer) => {
    try {
      return decode(bytes);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      return Object.assign(decode(Buffer.alloc(0)), { [UNDECODABLE]: reason });
    }
  };
}

function isMethod(value: unknown): value is MethodDefinition<object, unknown> {
  return typeof value === 'object' && value !== null && 'requestDeserialize' in value;
}
