import { parseExposition, samplesOf, valueOf, type Sample } from '@shop/metrics';

/** The services whose /metrics a drill reads, with the port each answers on. */
export type ServicePorts = Readonly<Record<string, number>>;

/** Each service's samples, or why they could not be read (a service down: the drill's point). */
export type Scrapes = Readonly<Record<string, readonly Sample[] | string>>;

/** The services a drill reads, each on its HTTP port (the bff's figures are not in a reading). */
export function drillServicePorts(ports: {
  readonly CHECKOUT_PORT: number;
  readonly PAYMENT_PORT: number;
  readonly ENROLLMENT_PORT: number;
  readonly NOTIFICATION_PORT: number;
  readonly ANALYTICS_PORT: number;
}): ServicePorts {
  return {
    checkout: ports.CHECKOUT_PORT,
    payment: ports.PAYMENT_PORT,
    enrollment: ports.ENROLLMENT_PORT,
    notification: ports.NOTIFICATION_PORT,
    analytics: ports.ANALYTICS_PORT,
  };
}

// A scrape must not hold the drill up when a service is stopped or frozen.
const SCRAPE_TIMEOUT_MS = 3_000;

/** Reads every service's `/metrics` with the bearer token Prometheus uses, each within `timeoutMs`. */
export async function scrapeServices(
  ports: ServicePorts,
  metricsToken: string,
  timeoutMs = SCRAPE_TIMEOUT_MS,
): Promise<Scrapes> {
  const entries = await Promise.all(
    Object.entries(ports).map(async ([service, port]) => {
      try {
        const res = await fetch(`http://127.0.0.1:${port}/metrics`, {
          headers: { authorization: `Bearer ${metricsToken}` },
          signal: AbortSignal.timeout(timeoutMs),
        });
        if (!res.ok) return [service, `HTTP ${res.status}`] as const;
        return [service, parseExposition(await res.text())] as const;
      } catch (error) {
        return [service, error instanceof Error ? error.message : String(error)] as const;
      }
    }),
  );
  return Object.fromEntries(entries) as Scrapes;
}

const ORDERS = { http_request_method: 'POST', http_route: '/v1/orders' } as const;

/** One client's circuit breaker to one dependency, with what it let through or refused. */
export interface BreakerSignal {
  readonly client: string;
  readonly dependency: string;
  /** closed, open or half_open; '?' when the service exposes no state for it. */
  readonly state: string;
  /** Times it has opened since the service started. */
  readonly opened: number;
  readonly calls: { readonly ok: number; readonly failure: number; readonly timeout: number };
  readonly rejected: { readonly circuitOpen: number; readonly bulkhead: number };
}

/** A transactional outbox relay: rows not yet sent, and the age of the oldest. */
export interface OutboxSignal {
  readonly relay: string;
  readonly unsent: number;
  readonly oldestAgeSeconds: number;
}

/** Messages a consumer set aside (dead-lettered or parked), by destination and code. */
export interface DeadLetterSignal {
  readonly service: string;
  readonly destination: string;
  readonly code: string;
  readonly count: number;
}

/**
 * The mitigation signals in one scrape, as data (the drills panel shows them;
 * `describeMetrics` prints them): every breaker, each outbox, Kafka consumer
 * lag per group, messages dead-lettered or parked, enrollment's AMQP queues
 * and the duplicates each inbox skipped. Counters are totals since each
 * service started.
 */
export interface MetricSignals {
  readonly unreadable: readonly { readonly service: string; readonly why: string }[];
  readonly breakers: readonly BreakerSignal[];
  readonly outboxes: readonly OutboxSignal[];
  /** Summed over partitions, sorted by group. */
  readonly consumerLag: readonly { readonly group: string; readonly lag: number }[];
  readonly deadLettered: readonly DeadLetterSignal[];
  /** Absent when enrollment was not scraped; null until enrollment has read its queues once. */
  readonly amqpQueues?:
    | { readonly ready: number; readonly delayed: number; readonly parked: number }
    | null
    | undefined;
  /** Only services whose inbox counts duplicates. */
  readonly inboxDuplicates: readonly { readonly service: string; readonly skipped: number }[];
}

export function metricSignals(current: Scrapes): MetricSignals {
  const unreadable = Object.entries(current)
    .filter((entry): entry is [string, string] => typeof entry[1] === 'string')
    .map(([service, why]) => ({ service, why }));
  const breakers: BreakerSignal[] = [];
  const outboxes: OutboxSignal[] = [];
  const lag = new Map<string, number>();
  const deadLettered: DeadLetterSignal[] = [];
  for (const [service, samples] of Object.entries(current)) {
    if (typeof samples === 'string') continue;
    const dependencies = new Set(
      samplesOf(samples, 'shop_circuit_breaker_state').map((s) => s.labels.shop_dependency ?? '?'),
    );
    // checkout always calls payment through its breaker: shown even before its first call.
    if (service === 'checkout') dependencies.add('payment');
    for (const dependency of [...dependencies].sort())
      breakers.push(breakerOf(samples, service, dependency));
    for (const s of samplesOf(samples, 'shop_outbox_backlog')) {
      const relay = s.labels.shop_outbox_relay ?? service;
      const age = valueOf(samples, 'shop_outbox_oldest_age', { shop_outbox_relay: relay });
      outboxes.push({ relay, unsent: s.value, oldestAgeSeconds: age });
    }
    for (const s of samplesOf(samples, 'messaging_kafka_consumer_lag')) {
      const group = s.labels.messaging_consumer_group_name ?? service;
      lag.set(group, (lag.get(group) ?? 0) + s.value);
    }
    const parked = new Map<string, DeadLetterSignal>();
    for (const s of samplesOf(samples, 'shop_messaging_dead_lettered_total')) {
      const destination = s.labels.messaging_destination_name ?? '?';
      const code = s.labels.shop_messaging_dead_letter_code ?? '?';
      const key = `${destination} ${code}`;
      const count = (parked.get(key)?.count ?? 0) + s.value;
      parked.set(key, { service, destination, code, count });
    }
    deadLettered.push(...parked.values());
  }
  return {
    unreadable,
    breakers,
    outboxes,
    consumerLag: [...lag]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([group, n]) => ({ group, lag: n })),
    deadLettered,
    ...(Object.hasOwn(current, 'enrollment') ? { amqpQueues: amqpQueuesOf(current) } : {}),
    inboxDuplicates: inboxDuplicatesOf(current),
  };
}

function breakerOf(samples: readonly Sample[], client: string, dependency: string): BreakerSignal {
  const dep = { shop_dependency: dependency };
  const outcome = (o: string) =>
    valueOf(samples, 'shop_dependency_call_duration_count', { ...dep, shop_call_outcome: o });
  return {
    client,
    dependency,
    state:
      samplesOf(samples, 'shop_circuit_breaker_state', dep).find((s) => s.value === 1)?.labels
        .shop_circuit_state ?? '?',
    opened: valueOf(samples, 'shop_circuit_breaker_transitions_total', {
      ...dep,
      shop_circuit_state: 'open',
    }),
    calls: { ok: outcome('ok'), failure: outcome('failure'), timeout: outcome('timeout') },
    rejected: { circuitOpen: outcome('circuit_open'), bulkhead: outcome('bulkhead_rejected') },
  };
}

/**
 * The few figures that show a drill's mitigation, one short line each:
 * checkout's breaker to payment and the calls it (or the bulkhead) refused,
 * retries and the budget left, the bulkhead's slots, what payment answered
 * (Authorize, Refund), each outbox's backlog and oldest age, Kafka
 * consumer lag per group, messages dead-lettered or parked, the error rate
 * of `POST /v1/orders` — since `previous` when given, else since start —
 * enrollment's AMQP queues (ready, delayed, parked) and inbox duplicates skipped.
 */
export function describeMetrics(current: Scrapes, previous?: Scrapes): string[] {
  const signals = metricSignals(current);
  const lines: string[] = [];
  if (signals.unreadable.length > 0)
    lines.push(
      `unreadable: ${signals.unreadable.map(({ service, why }) => `${service} (${why})`).join(', ')}`,
    );

  const checkout = samplesIn(current, 'checkout');
  if (checkout) {
    const dep = { shop_dependency: 'payment' };
    const { state, opened, calls, rejected } = breakerOf(checkout, 'checkout', 'payment');
    lines.push(
      `checkout→payment: breaker ${state} (opened ${opened}×), calls ok ${calls.ok} failure ${calls.failure} timeout ${calls.timeout}, rejected: circuit-open ${rejected.circuitOpen} bulkhead ${rejected.bulkhead}`,
    );
    const budget = samplesOf(checkout, 'shop_retry_budget_remaining', dep)[0]?.value;
    lines.push(
      `checkout→payment: retries ${valueOf(checkout, 'shop_retry_attempts_total', dep)}, retry budget left ${budget ?? '?'}`,
    );
    const refused = valueOf(checkout, 'shop_retry_budget_refusals_total', dep);
    // Only once the budget has held a retry back: the line a retry storm adds.
    if (refused > 0) lines.push(`checkout→payment: retries refused by the budget ${refused}`);
    lines.push(
      `checkout→payment: bulkhead ${valueOf(checkout, 'shop_bulkhead_in_flight', dep)} in flight, ${valueOf(checkout, 'shop_bulkhead_queued', dep)} waiting, ${valueOf(checkout, 'shop_bulkhead_rejections_total', dep)} refused`,
    );
    lines.push(`POST /v1/orders: ${ordersErrorRate(checkout, samplesIn(previous, 'checkout'))}`);
  }

  const payment = samplesIn(current, 'payment');
  if (payment) lines.push(`payment: ${paymentCalls(payment)}`);

  const outboxes = signals.outboxes.map(
    (o) => `${o.relay} ${o.unsent} unsent (oldest ${o.oldestAgeSeconds.toFixed(1)} s)`,
  );
  lines.push(`outbox: ${outboxes.length > 0 ? outboxes.join(', ') : 'no reading'}`);
  lines.push(
    `kafka consumer lag: ${
      signals.consumerLag.length > 0
        ? signals.consumerLag.map(({ group, lag }) => `${group} ${lag}`).join(', ')
        : 'no reading'
    }`,
  );
  const deadLettered = signals.deadLettered.map(
    (d) => `${d.service}: ${d.destination} ${d.code} ${d.count}`,
  );
  lines.push(`dead-lettered/parked: ${deadLettered.length > 0 ? deadLettered.join(', ') : 'none'}`);
  if (signals.amqpQueues !== undefined)
    lines.push(
      signals.amqpQueues === null
        ? 'amqp queues: no reading'
        : `amqp queues: enrollment.grant-seat ${signals.amqpQueues.ready} ready, ${signals.amqpQueues.delayed} delayed, ${signals.amqpQueues.parked} parked`,
    );
  if (signals.inboxDuplicates.length > 0)
    lines.push(
      `inbox duplicates skipped: ${signals.inboxDuplicates.map((d) => `${d.service} ${d.skipped}`).join(', ')}`,
    );
  return lines;
}

/**
 * enrollment's command queues, read from the broker at each scrape: ready in
 * the command queue, waiting in the delay queues, parked. null until
 * enrollment has read them once (a broker away leaves the last value read:
 * OpenTelemetry keeps an observable gauge's last one).
 */
function amqpQueuesOf(current: Scrapes): MetricSignals['amqpQueues'] {
  const depths = samplesOf(samplesIn(current, 'enrollment') ?? [], 'messaging_amqp_queue_depth');
  if (depths.length === 0) return null;
  const of = (match: (queue: string) => boolean) =>
    depths
      .filter((s) => match(s.labels.messaging_destination_name ?? ''))
      .reduce((sum, s) => sum + s.value, 0);
  return {
    ready: of((q) => !q.includes('.retry.') && !q.endsWith('.parking')),
    delayed: of((q) => q.includes('.retry.')),
    parked: of((q) => q.endsWith('.parking')),
  };
}

/** Messages each service's inbox skipped as already handled, since start. */
function inboxDuplicatesOf(current: Scrapes): MetricSignals['inboxDuplicates'] {
  return Object.entries(current).flatMap(([service, samples]) =>
    typeof samples === 'string' || samplesOf(samples, 'shop_inbox_duplicates_total').length === 0
      ? []
      : [{ service, skipped: valueOf(samples, 'shop_inbox_duplicates_total') }],
  );
}

function samplesIn(scrapes: Scrapes | undefined, service: string): readonly Sample[] | undefined {
  const samples = scrapes?.[service];
  return typeof samples === 'string' ? undefined : samples;
}

// What payment itself answered: the load checkout's policies let through, and the refunds of compensation.
function paymentCalls(samples: readonly Sample[]): string {
  const calls = (method: string) =>
    samplesOf(samples, 'rpc_server_call_duration_count', { rpc_method: method });
  const answered = (method: string) => calls(method).reduce((sum, s) => sum + s.value, 0);
  const failed = calls('Authorize')
    .filter((s) => s.labels.rpc_grpc_status_code !== '0')
    .reduce((sum, s) => sum + s.value, 0);
  return `Authorize answered ${answered('Authorize')} (${failed} not OK), Refund answered ${answered('Refund')}`;
}

function ordersErrorRate(now: readonly Sample[], before: readonly Sample[] | undefined): string {
  const count = (samples: readonly Sample[] | undefined, fivexx: boolean) =>
    samplesOf(samples ?? [], 'http_server_request_duration_count', ORDERS)
      .filter((s) => !fivexx || (s.labels.http_response_status_code ?? '').startsWith('5'))
      .reduce((sum, s) => sum + s.value, 0);
  const total = count(now, false) - count(before, false);
  const errors = count(now, true) - count(before, true);
  const since = before ? 'since the last reading' : 'since start';
  if (total === 0) return `no requests ${since}`;
  return `${total} answered ${since}, ${errors} 5xx (${((100 * errors) / total).toFixed(0)} %)`;
}
