/** A response exactly as it was sent, to be sent again for a replayed key. */
export interface StoredResponse {
  readonly status: number;
  /** Lower-case names; only the headers worth replaying (see REPLAYED_HEADERS). */
  readonly headers: Readonly<Record<string, string>>;
  /** The serialized body: replays send these bytes, not a re-serialization. */
  readonly body: string;
}

/** Headers that belong to the answer itself, so a replay repeats them. */
export const REPLAYED_HEADERS: readonly string[] = [
  'content-type',
  'location',
  'content-location',
  'content-language',
  'etag',
  'last-modified',
  'link',
];

/** Marks a response as the replay of an earlier one. */
export const REPLAYED_HEADER = 'idempotent-replayed';

/**
 * Whether the response to a request that reached its handler is remembered
 * under its key (Stripe: "results are saved once the endpoint began
 * executing"). Not remembered, so the client may retry with the same key:
 * - 5xx: the server failed, the outcome is unknown or nothing was done;
 * - 400: the request was rejected before the handler ran (validation);
 * - 408, 429: the request was not processed (timeout, rate limit).
 * Every other answer, a 201 or a domain 4xx (402 declined, 409 conflict),
 * is the outcome of the operation and is replayed.
 */
export function isStoredStatus(status: number): boolean {
  return status < 500 && status !== 400 && status !== 408 && status !== 429;
}

/** A web Response for Nest to send: its status and headers win over the route's defaults. */
export function toWebResponse(stored: StoredResponse, replayed: boolean): Response {
  const headers = new Headers(stored.headers);
  headers.set('content-length', String(Buffer.byteLength(stored.body)));
  if (replayed) headers.set(REPLAYED_HEADER, 'true');
  const noBody = stored.status === 204 || stored.status === 304;
  return new Response(noBody ? null : stored.body, { status: stored.status, headers });
}
