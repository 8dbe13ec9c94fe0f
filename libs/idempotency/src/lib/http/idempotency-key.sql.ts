// The SQL of the key store, over checkout's `idempotency_keys` table.
// $n::type casts keep parameter types explicit for every driver.

// One atomic statement decides who runs the request: a new row (the key is
// free), or a takeover of a row that expired or whose runner's lease ran out
// (same request only) — its runner stopped renewing it, so it is presumed
// dead. A new id is the new runner's token (the fence: the old runner's
// COMPLETE, RENEW and RELEASE no longer match). Anything else leaves the row
// alone and returns nothing.
export const CLAIM_SQL = `
INSERT INTO idempotency_keys (scope, key, request_fingerprint, expires_at, lease_expires_at)
VALUES ($1::text, $2::text, $3::text, now() + $4::int * interval '1 millisecond',
        now() + $5::int * interval '1 millisecond')
ON CONFLICT (scope, key) DO UPDATE
   SET id = gen_random_uuid(),
       request_fingerprint = EXCLUDED.request_fingerprint,
       state = 'IN_FLIGHT',
       response_status = NULL, response_body = NULL, response_headers = NULL,
       created_at = now(),
       expires_at = EXCLUDED.expires_at,
       lease_expires_at = EXCLUDED.lease_expires_at
 WHERE idempotency_keys.expires_at <= now()
    OR (idempotency_keys.state = 'IN_FLIGHT'
        AND idempotency_keys.request_fingerprint = EXCLUDED.request_fingerprint
        AND idempotency_keys.lease_expires_at <= now())
RETURNING id::text AS token`;

export const READ_SQL = `
SELECT request_fingerprint AS fingerprint,
       state::text AS state,
       response_status AS status,
       response_body AS body,
       response_headers::text AS headers,
       expires_at <= now() AS expired,
       lease_expires_at <= now() AS lease_over
  FROM idempotency_keys
 WHERE scope = $1::text AND key = $2::text`;

// The heartbeat of a live runner: its lease runs on from now. Nothing (0 rows)
// once it completed, released, or lost the claim to a takeover.
export const RENEW_SQL = `
UPDATE idempotency_keys
   SET lease_expires_at = now() + $2::int * interval '1 millisecond'
 WHERE id = $1::uuid AND state = 'IN_FLIGHT'`;

export const COMPLETE_SQL = `
UPDATE idempotency_keys
   SET state = 'COMPLETED', response_status = $2::int, response_body = $3::text,
       response_headers = $4::jsonb
 WHERE id = $1::uuid AND state = 'IN_FLIGHT'`;

export const RELEASE_SQL = `
DELETE FROM idempotency_keys WHERE id = $1::uuid AND state = 'IN_FLIGHT'`;

export const PURGE_EXPIRED_SQL = `
DELETE FROM idempotency_keys
 WHERE id IN (SELECT id FROM idempotency_keys WHERE expires_at <= now() LIMIT $1::int)`;

/** A row as READ_SQL returns it. */
export interface KeyRow {
  readonly fingerprint: string;
  readonly state: 'IN_FLIGHT' | 'COMPLETED';
  readonly status: number | null;
  readonly body: string | null;
  /** JSON text: drivers disagree on how they return jsonb. */
  readonly headers: string | null;
  readonly expired: boolean;
  readonly lease_over: boolean;
}
