import { readFileSync } from 'node:fs';
import { RAW_CORRELATION_ID, rawRequest } from '../support/raw-request.js';

/** A request body as Kafka 4.4's generated classes write it, with its header version. */
export interface RequestFixture {
  readonly apiKey: number;
  readonly version: number;
  readonly headerVersion: number;
  readonly body: string;
}

export const DEFAULT_REQUESTS = JSON.parse(
  readFileSync(
    new URL('../fixtures/kafka-requests/kafka-4.4-default-requests.json', import.meta.url),
    'utf8',
  ),
) as RequestFixture[];

export const CORRELATION_ID = RAW_CORRELATION_ID;

/** Sends one request on a fresh connection: the response frame, or null if the broker closes unanswered. */
export function exchange(address: string, fixture: RequestFixture): Promise<Buffer | null> {
  return rawRequest(
    address,
    fixture.apiKey,
    fixture.version,
    Buffer.from(fixture.body, 'hex'),
    fixture.headerVersion >= 2,
  );
}
