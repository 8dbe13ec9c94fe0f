import { API_TABLE, type ApiEntry } from '../handlers/api-table.js';
import { ApiKey } from '../protocol/api-key.js';
import { ErrorCode } from '../protocol/error-codes.js';
import { MalformedRequestError, Reader } from '../protocol/reader.js';
import type { MessageValue } from '../protocol/schema/message-codec.js';
import { Writer } from '../protocol/writer.js';

export interface ParsedRequest {
  readonly apiKey: number;
  readonly version: number;
  readonly correlationId: number;
  readonly clientId: string;
  /** The implemented API and the decoded body, or the frame that refuses the version. */
  readonly outcome:
    | { readonly kind: 'handle'; readonly entry: ApiEntry; readonly body: MessageValue }
    | { readonly kind: 'refuse'; readonly frame: Buffer };
}

/** What Kafka does with a key it does not serve or a version out of range: it closes the connection. */
export class RefusedRequestError extends MalformedRequestError {}

// Request header v1 (classic) or v2 (flexible: tagged fields after the client id,
// which stays a classic nullable string).
export function parseRequest(frame: Buffer): ParsedRequest {
  const reader = new Reader(frame);
  const apiKey = reader.int16();
  const version = reader.int16();
  const correlationId = reader.int32();
  const entry = API_TABLE.get(apiKey);
  if (!entry) throw new RefusedRequestError(`unknown API key ${apiKey}`);
  const accepted = version >= entry.accepted.min && version <= entry.accepted.max;
  if (!accepted && apiKey !== ApiKey.ApiVersions)
    throw new RefusedRequestError(`API key ${apiKey} version ${version} is not enabled`);
  const clientId = reader.nullableString() ?? '';
  // An ApiVersions version above the known ones is taken as flexible (Kafka's rule).
  const flexible = accepted ? entry.request.isFlexible(version) : version >= 3;
  if (flexible) skipTaggedFields(reader);
  if (!accepted)
    return {
      apiKey,
      version,
      correlationId,
      clientId,
      outcome: unsupportedApiVersions(entry, correlationId),
    };
  const body = entry.request.decode(reader, version);
  return { apiKey, version, correlationId, clientId, outcome: { kind: 'handle', entry, body } };
}

// KIP-511: the v0 layout every client can read, listing only ApiVersions' own
// range, so the client retries with a version both sides know.
function unsupportedApiVersions(entry: ApiEntry, correlationId: number): ParsedRequest['outcome'] {
  const out = new Writer(32).int32(0).int32(correlationId).int16(ErrorCode.UNSUPPORTED_VERSION);
  out.int32(1).int16(ApiKey.ApiVersions);
  out.int16(entry.advertised.minVersion).int16(entry.advertised.maxVersion);
  out.patchInt32(0, out.size - 4);
  return { kind: 'refuse', frame: out.toBuffer() };
}

/** The response frame: size, correlation id, tagged fields when flexible (never for ApiVersions), body. */
export function encodeResponse(
  entry: ApiEntry,
  request: Pick<ParsedRequest, 'apiKey' | 'version' | 'correlationId'>,
  body: MessageValue,
): Buffer {
  const out = new Writer().int32(0).int32(request.correlationId);
  if (entry.response.isFlexible(request.version) && request.apiKey !== ApiKey.ApiVersions)
    out.uint8(0);
  entry.response.encode(out, request.version, body);
  out.patchInt32(0, out.size - 4);
  return out.toBuffer();
}

function skipTaggedFields(reader: Reader): void {
  const count = reader.uvarint();
  for (let index = 0; index < count; index++) {
    reader.uvarint();
    reader.skip(reader.uvarint());
  }
}
