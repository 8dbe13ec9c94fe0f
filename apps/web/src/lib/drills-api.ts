// The drills panel's calls to the web server's /drills/api routes (server/drills-routes.ts),
// which pass them to the stack's control API. Mutations are same-origin JSON
// POSTs with the custom header the server asks for (its CSRF defence).

/** One drill of the stack's catalog (infra/stack drills.ts), as the server lists it. */
export interface Drill {
  readonly name: string;
  readonly fails: string;
  readonly mitigation: string;
  /** Its page under docs/labs/. */
  readonly lab: string;
  readonly injects: 'lasting' | 'one-shot' | 'none';
  readonly load?: { readonly purchases: number; readonly course: string } | undefined;
  readonly active: readonly {
    readonly id: string;
    readonly until: string;
    readonly remainingMs: number;
  }[];
}

export interface BreakerSignal {
  readonly client: string;
  readonly dependency: string;
  readonly state: string;
  readonly opened: number;
  readonly calls: { readonly ok: number; readonly failure: number; readonly timeout: number };
  readonly rejected: { readonly circuitOpen: number; readonly bulkhead: number };
}

/** What `GET /drills/api/signals` answers: the stack's reading and its services' metrics. */
export interface DrillSignals {
  readonly at: string;
  readonly stack: {
    readonly components: string;
    readonly outboxBacklog: Readonly<Record<string, number | string>>;
    readonly parkedCommands: number | string;
    readonly deadLetteredEvents: Readonly<Record<string, number>> | string;
  };
  readonly metrics: {
    readonly unreadable: readonly { readonly service: string; readonly why: string }[];
    readonly breakers: readonly BreakerSignal[];
    readonly outboxes: readonly {
      readonly relay: string;
      readonly unsent: number;
      readonly oldestAgeSeconds: number;
    }[];
    readonly consumerLag: readonly { readonly group: string; readonly lag: number }[];
    readonly deadLettered: readonly {
      readonly service: string;
      readonly destination: string;
      readonly code: string;
      readonly count: number;
    }[];
    readonly amqpQueues?:
      | { readonly ready: number; readonly delayed: number; readonly parked: number }
      | null
      | undefined;
    readonly inboxDuplicates: readonly { readonly service: string; readonly skipped: number }[];
  };
}

export interface RedriveResult {
  readonly moved: number;
  readonly remaining: number;
  readonly output: string;
}

/** A refused or failed drills request: the server's problem+json, or no answer at all. */
export class DrillsRequestError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'DrillsRequestError';
  }

  /** 404: the stack runs without its fault API (the drills are off). */
  get drillsOff(): boolean {
    return this.status === 404;
  }
}

export const DRILLS_REQUEST_HEADER = 'x-shop-drills';

async function call<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
  let response: Response;
  try {
    response = await fetch(`/drills/api${path}`, {
      method,
      headers:
        method === 'POST'
          ? { 'content-type': 'application/json', [DRILLS_REQUEST_HEADER]: '1' }
          : { accept: 'application/json' },
      ...(method === 'POST' ? { body: JSON.stringify(body ?? {}) } : {}),
    });
  } catch (error) {
    throw new DrillsRequestError(
      0,
      `The web server could not be reached (${error instanceof Error ? error.message : String(error)}).`,
    );
  }
  const answer = (await response.json().catch(() => undefined)) as unknown;
  if (!response.ok) {
    const detail = (answer as { detail?: unknown } | undefined)?.detail;
    throw new DrillsRequestError(
      response.status,
      typeof detail === 'string' ? detail : `HTTP ${String(response.status)}`,
    );
  }
  return answer as T;
}

export const drillsApi = {
  status: () => call<{ on: boolean; howToTurnOn?: string }>('GET', '/status'),
  drills: () => call<{ drills: Drill[] }>('GET', '/drills').then((a) => a.drills),
  signals: () => call<DrillSignals>('GET', '/signals'),
  start: (name: string, durationMs: number) =>
    call<unknown>('POST', `/drills/${encodeURIComponent(name)}/start`, { durationMs }),
  stop: (name: string) =>
    call<{ lifted: string[] }>('POST', `/drills/${encodeURIComponent(name)}/stop`),
  redrive: () => call<RedriveResult>('POST', '/parked/redrive'),
};
