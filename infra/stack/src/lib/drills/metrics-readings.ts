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
  const lines: string[] = [];
  const unreadable = Object.entries(current)
    .filter((entry): entry is [string, string] => typeof entry[1] === 'string')
    .map(([service, why]) => `${service} (${why})`);
  if (unreadable.length > 0) lines.push(`unreadable: ${unreadable.join(', ')}`);

  const checkout = samplesIn(current, 'checkout');
  if (checkout) {
    const dep = { shop_dependency: 'payment' };
    const state =
      samplesOf(checkout, 'shop_circuit_breaker_state', dep).find((s) => s.value === 1)?.labels
        .shop_circuit_state ?? '?';
    const opened = valueOf(checkout, 'shop_circuit_breaker_transitions_total', {
      ...dep,
      shop_circuit_state: 'open',
    });
    const outcome = (o: string) =>
      valueOf(checkout, 'shop_dependency_call_duration_count', { ...dep, shop_call_outcome: o });
    lines.push(
      `checkout→payment: breaker ${state} (opened ${opened}×), calls ok ${outcome('ok')} failure ${outcome('failure')} timeout ${outcome('timeout')}, rejected: circuit-open ${outcome('circuit_open')} bulkhead ${outcome('bulkhead_rejected')}`,
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

  const outboxes: string[] = [];
  const lag = new Map<string, number>();
  const deadLettered: string[] = [];
  for (const [service, samples] of Object.entries(current)) {
    if (typeof samples === 'string') continue;
    for (const s of samplesOf(samples, 'shop_outbox_backlog')) {
      const relay = s.labels.shop_outbox_relay ?? service;
      const age = valueOf(samples, 'shop_outbox_oldest_age', { shop_outbox_relay: relay });
      outboxes.push(`${relay} ${s.value} unsent (oldest ${age.toFixed(1)} s)`);
    }
    for (const s of samplesOf(samples, 'messaging_kafka_consumer_lag')) {
      const group = s.labels.messaging_consumer_group_name ?? service;
      lag.set(group, (lag.get(group) ?? 0) + s.value);
    }
    const parked = new Map<string, number>();
    for (const s of samplesOf(samples, 'shop_messaging_dead_lettered_total')) {
      const key = `${s.labels.messaging_destination_name ?? '?'} ${s.labels.shop_messaging_dead_letter_code ?? '?'}`;
      parked.set(key, (parked.get(key) ?? 0) + s.value);
    }
    for (const [key, n] of parked) deadLettered.push(`${service}: ${key} ${n}`);
  }
  lines.push(`outbox: ${outboxes.length > 0 ? outboxes.join(', ') : 'no reading'}`);
  lines.push(
    `kafka consumer lag: ${
      lag.size > 0
        ? [...lag]
            .sort(([a], [b]) => a.localeCompare(b))
            .map(([group, n]) => `${group} ${n}`)
            .join(', ')
        : 'no reading'
    }`,
  );
  lines.push(`dead-lettered/parked: ${deadLettered.length > 0 ? deadLettered.join(', ') : 'none'}`);
  lines.push(...amqpQueueLines(current), ...inboxLines(current));
  return lines;
}

/**
 * enrollment's command queues, read from the broker at each scrape: ready in
 * the command queue, waiting in the delay queues, parked. Only when enrollment
 * was scraped; "no reading" until enrollment has read them once (a broker away
 * leaves the last value read: OpenTelemetry keeps an observable gauge's last one).
 */
function amqpQueueLines(current: Scrapes): string[] {
  if (!Object.hasOwn(current, 'enrollment')) return [];
  const depths = samplesOf(samplesIn(current, 'enrollment') ?? [], 'messaging_amqp_queue_depth');
  if (depths.length === 0) return ['amqp queues: no reading'];
  const of = (match: (queue: string) => boolean) =>
    depths
      .filter((s) => match(s.labels.messaging_destination_name ?? ''))
      .reduce((sum, s) => sum + s.value, 0);
  const ready = of((q) => !q.includes('.retry.') && !q.endsWith('.parking'));
  const delayed = of((q) => q.includes('.retry.'));
  const parked = of((q) => q.endsWith('.parking'));
  return [
    `amqp queues: enrollment.grant-seat ${ready} ready, ${delayed} delayed, ${parked} parked`,
  ];
}

/** Messages each service's inbox skipped as already handled, since start; once any has. */
function inboxLines(current: Scrapes): string[] {
  const skipped = Object.entries(current).flatMap(([service, samples]) =>
    typeof samples === 'string' || samplesOf(samples, 'shop_inbox_duplicates_total').length === 0
      ? []
      : [`${service} ${valueOf(samples, 'shop_inbox_duplicates_total')}`],
  );
  return skipped.length > 0 ? [`inbox duplicates skipped: ${skipped.join(', ')}`] : [];
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
