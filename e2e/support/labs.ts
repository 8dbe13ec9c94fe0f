import { randomUUID } from 'node:crypto';
import { DEVELOPMENT_METRICS_TOKEN } from '@shop/platform';
import {
  describeMetrics,
  DRILL_COURSES,
  drillServicePorts,
  scrapeServices,
  type ActiveFault,
  type DrillCourse,
  type FaultRequestInput,
  type Scrapes,
  type ServicePorts,
  type StackControl,
} from '@shop/stack';
import { valueOf } from '@shop/metrics';
import { expect } from 'vitest';
import { newLearner, type Answer, type CheckoutClient, type OrderView } from './checkout.client.js';
import type { StackAddresses } from './stack-addresses.js';

/**
 * What a lab watches, read as `pnpm drill` reads it: the `/metrics` of the
 * services the drill reads (`scrape`), and the lines the drill prints from
 * them (`reading`, `lines`). `only` narrows the services, so a lab's expected
 * lines name just the services it is about.
 */
export class LabReadings {
  private readonly services: ServicePorts;

  constructor(stack: StackAddresses, only?: readonly string[]) {
    const all = drillServicePorts(stack.ports);
    this.services = only
      ? Object.fromEntries(Object.entries(all).filter(([name]) => only.includes(name)))
      : all;
  }

  /**
   * Every service's samples, read as `pnpm drill` reads them — but given longer
   * (a service just through a burst, on a loaded machine, can be slow to answer),
   * and read again while checkout, which every lab reads, could not be.
   */
  async scrape(): Promise<Scrapes> {
    let scrapes: Scrapes = {};
    await expect
      .poll(
        async () => {
          scrapes = await scrapeServices(
            this.services,
            DEVELOPMENT_METRICS_TOKEN,
            SCRAPE_TIMEOUT_MS,
          );
          return typeof scrapes.checkout;
        },
        { timeout: 60_000, interval: 100 },
      )
      .toBe('object');
    return scrapes;
  }

  /** The lines `pnpm drill` prints for this reading (since `previous`, when given). */
  async reading(previous?: Scrapes): Promise<{ lines: string[]; scrapes: Scrapes }> {
    const scrapes = await this.scrape();
    return { lines: describeMetrics(scrapes, previous), scrapes };
  }

  async lines(previous?: Scrapes): Promise<string[]> {
    return (await this.reading(previous)).lines;
  }
}

/**
 * What the labs that drive a fault share (docs/labs/): the readings above, a
 * fault started through the fault API and waited on until it lifts, and
 * purchases placed one by one or at once.
 */
export class Lab extends LabReadings {
  constructor(
    stack: StackAddresses,
    private readonly control: StackControl,
    private readonly checkout: CheckoutClient,
  ) {
    super(stack);
  }

  async startFault(request: FaultRequestInput): Promise<ActiveFault> {
    return (await this.control.startFault(request)) as ActiveFault;
  }

  /** Waits until the fault has lifted by itself (its effect undone), within its duration and `slackMs`. */
  async untilLifted(fault: ActiveFault, slackMs = 30_000): Promise<void> {
    await expect
      .poll(async () => (await this.control.faults()).active.map((f) => f.id), {
        timeout: fault.remainingMs + slackMs,
        interval: 200,
      })
      .not.toContain(fault.id);
  }

  /** Lifts whatever a lab left in force (afterAll). */
  async liftAll(): Promise<void> {
    for (const fault of (await this.control.faults()).active)
      await this.control.liftFault(fault.id);
  }

  /**
   * One purchase asked again with the same key, as Retry-After says, until
   * payment authorizes it (the breaker may need its half-open trial first).
   */
  async purchaseUntilAuthorized(): Promise<Answer<OrderView>> {
    const key = randomUUID();
    const body = { learnerId: newLearner(), courseIds: [DRILL_COURSES['messaging-101']] };
    let last: Answer<OrderView> | undefined;
    await expect
      .poll(
        async () => {
          last = await this.checkout.placeOrder(body, key);
          return last.status;
        },
        { timeout: 30_000, interval: 500 },
      )
      .toBe(201);
    if (!last) throw new Error('unreachable: the poll ran');
    return last;
  }

  /** `count` purchases of `course`, each answered before the next is placed. */
  async purchasesOneByOne(count: number, course: DrillCourse): Promise<Answer<OrderView>[]> {
    const answers: Answer<OrderView>[] = [];
    for (let i = 0; i < count; i++) {
      answers.push(
        await this.checkout.placeOrder({
          learnerId: newLearner(),
          courseIds: [DRILL_COURSES[course]],
        }),
      );
    }
    return answers;
  }

  /** `count` purchases of `course` at once, each by a new learner with its own key. */
  purchasesAtOnce(count: number, course: DrillCourse): Promise<Answer<OrderView>[]> {
    return Promise.all(
      Array.from({ length: count }, () =>
        this.checkout.placeOrder({ learnerId: newLearner(), courseIds: [DRILL_COURSES[course]] }),
      ),
    );
  }
}

/**
 * A counter or gauge of one service in a reading (0 when the series does not
 * exist yet); throws when the service could not be read, which a poll retries.
 */
export function metric(
  scrapes: Scrapes,
  service: string,
  name: string,
  labels: Readonly<Record<string, string>> = {},
): number {
  const samples = scrapes[service];
  if (typeof samples === 'string') throw new Error(`${service} was unreadable: ${samples}`);
  return valueOf(samples ?? [], name, labels);
}

/** How often each status came back, e.g. `{ 201: 20, 503: 16 }`. */
export function statusCounts(answers: readonly Answer[]): Record<number, number> {
  const counts: Record<number, number> = {};
  for (const a of answers) counts[a.status] = (counts[a.status] ?? 0) + 1;
  return counts;
}

/** The `detail` of a problem+json answer. */
export function detailOf(answer: Answer): string {
  const body = answer.json as { detail?: unknown } | null;
  return typeof body?.detail === 'string' ? body.detail : '';
}

const SCRAPE_TIMEOUT_MS = 10_000;

export const PAYMENT = { shop_dependency: 'payment' } as const;
export const AUTHORIZE = { rpc_method: 'Authorize' } as const;

/** What the messaging labs read: payment's figures are not their subject, nor in their expected lines. */
export const MESSAGING_SERVICES = ['checkout', 'enrollment', 'notification', 'analytics'];
