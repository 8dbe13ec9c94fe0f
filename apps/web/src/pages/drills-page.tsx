import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { useAppState } from '../app-state';
import { OrderTimeline } from '../components/order-timeline';
import { Loading, RequestFailed } from '../components/request-states';
import type { GraphQLRequestError } from '../graphql/graphql-request-error';
import { CatalogPageQuery, OrderPageQuery, PlaceOrderMutation } from '../graphql/operations';
import { DrillsRequestError, drillsApi, type Drill, type DrillSignals } from '../lib/drills-api';
import type { Session } from '../lib/session';
import { TERMINAL_STATUSES } from '../lib/status-steps';
import { asRequestError, client, useQuery } from '../lib/use-query';

// How often the faults in force and the signals are read again while the page is open.
const REFRESH_MS = 2_000;

const DURATIONS = [
  { ms: 30_000, label: '30 s' },
  { ms: 60_000, label: '1 min' },
  { ms: 120_000, label: '2 min' },
  { ms: 300_000, label: '5 min' },
] as const;

type Panel =
  | { readonly status: 'loading' }
  | { readonly status: 'off' }
  | { readonly status: 'error'; readonly message: string }
  | {
      readonly status: 'on';
      readonly drills: readonly Drill[];
      readonly signals: DrillSignals | undefined;
      readonly signalsError: string | undefined;
    };

/**
 * The drills panel: start and stop a fault of the stack's catalog, watch the
 * mitigation act (breaker, outbox, consumer lag, AMQP queues, dead letters),
 * redrive parked commands, and follow an order placed during the fault.
 * Development only: the web server serves its routes only when the stack runs
 * with the fault API.
 */
export function DrillsPage() {
  const [panel, setPanel] = useState<Panel>({ status: 'loading' });
  const [announcement, setAnnouncement] = useState('');
  const [attempt, setAttempt] = useState(0);
  const breakerStates = useRef(new Map<string, string>());

  const announce = useCallback((text: string) => {
    setAnnouncement(text);
  }, []);

  const refresh = useCallback(async () => {
    const [drills, signals] = await Promise.allSettled([drillsApi.drills(), drillsApi.signals()]);
    if (drills.status === 'rejected') {
      const error = drills.reason as unknown;
      if (error instanceof DrillsRequestError && error.drillsOff) setPanel({ status: 'off' });
      else setPanel({ status: 'error', message: messageOf(error) });
      return;
    }
    if (signals.status === 'fulfilled') {
      // A breaker that changes state is news: said once, politely.
      for (const b of signals.value.metrics.breakers) {
        const key = `${b.client}→${b.dependency}`;
        const before = breakerStates.current.get(key);
        if (before !== undefined && before !== b.state)
          announce(`The breaker ${key} is now ${b.state}.`);
        breakerStates.current.set(key, b.state);
      }
    }
    setPanel({
      status: 'on',
      drills: drills.value,
      signals: signals.status === 'fulfilled' ? signals.value : undefined,
      signalsError: signals.status === 'rejected' ? messageOf(signals.reason) : undefined,
    });
  }, [announce]);

  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const loop = async () => {
      const { on } = await drillsApi.status().catch(() => ({ on: true }));
      if (stopped) return;
      if (!on) {
        setPanel({ status: 'off' });
        return;
      }
      const tick = async () => {
        await refresh();
        if (!stopped) timer = setTimeout(() => void tick(), REFRESH_MS);
      };
      await tick();
    };
    void loop();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [refresh, attempt]);

  return (
    <div className="drills-page">
      <h1 tabIndex={-1}>Drills</h1>
      <p>
        <span className="dev-badge">Development only</span> Cause a failure on the running stack,
        place an order during it, and watch the mitigation act. Each fault lifts by itself after its
        duration.
      </p>
      <p className="visually-hidden" role="status" aria-live="polite">
        {announcement}
      </p>
      {panel.status === 'loading' ? <Loading what="the drills" /> : null}
      {panel.status === 'off' ? <DrillsOff /> : null}
      {panel.status === 'error' ? (
        <div role="alert" className="error-panel">
          <p>The drills could not be read: {panel.message}</p>
          <button
            type="button"
            onClick={() => {
              setPanel({ status: 'loading' });
              setAttempt((n) => n + 1);
            }}
          >
            Try again
          </button>
        </div>
      ) : null}
      {panel.status === 'on' ? (
        <>
          <FaultList drills={panel.drills} announce={announce} refresh={refresh} />
          <div className="drills-columns">
            <SignalsPanel
              signals={panel.signals}
              error={panel.signalsError}
              announce={announce}
              refresh={refresh}
            />
            <OrderDuringFault announce={announce} />
          </div>
        </>
      ) : null}
    </div>
  );
}

function DrillsOff() {
  return (
    <section className="notice" aria-labelledby="drills-off">
      <h2 id="drills-off">The drills are off</h2>
      <p>
        This stack runs without its fault API, so there is nothing to start here. Start the stack
        with the drills on (development only):
      </p>
      <pre>
        <code>npm run start:drills</code>
      </pre>
      <p>
        (the same as <code>NODE_ENV=development STACK_FAULT_API=true npm start</code>), then reload
        this page. The labs in <code>docs/labs/</code> describe each drill.
      </p>
    </section>
  );
}

function FaultList(props: {
  readonly drills: readonly Drill[];
  readonly announce: (text: string) => void;
  readonly refresh: () => Promise<void>;
}) {
  const [durationMs, setDurationMs] = useState<number>(DURATIONS[1].ms);
  const [busy, setBusy] = useState<string>();
  const [error, setError] = useState<string>();
  const durationId = useId();

  const act = async (drill: Drill, verb: 'start' | 'stop' | 'inject') => {
    setBusy(drill.name);
    setError(undefined);
    try {
      if (verb === 'stop') {
        await drillsApi.stop(drill.name);
        props.announce(`${drill.name} stopped.`);
      } else {
        await drillsApi.start(drill.name, durationMs);
        props.announce(verb === 'inject' ? `${drill.name} injected.` : `${drill.name} started.`);
      }
      await props.refresh();
    } catch (caught) {
      setError(`${drill.name}: ${messageOf(caught)}`);
    } finally {
      setBusy(undefined);
    }
  };

  return (
    <section aria-labelledby="faults-heading" className="drills-faults">
      <h2 id="faults-heading">Faults</h2>
      <p className="drills-duration">
        <label htmlFor={durationId}>Each fault lasts</label>{' '}
        <select
          id={durationId}
          value={durationMs}
          onChange={(event) => {
            setDurationMs(Number(event.target.value));
          }}
        >
          {DURATIONS.map((d) => (
            <option key={d.ms} value={d.ms}>
              {d.label}
            </option>
          ))}
        </select>
      </p>
      {error ? (
        <p role="alert" className="error-panel">
          {error}
        </p>
      ) : null}
      <ul className="drill-list">
        {props.drills.map((drill) => {
          const on = drill.active.length > 0;
          const left = Math.max(0, ...drill.active.map((a) => a.remainingMs));
          return (
            <li
              key={drill.name}
              className={`drill ${on ? 'drill--on' : ''}`}
              aria-labelledby={`drill-${drill.name}`}
            >
              <h3 id={`drill-${drill.name}`}>{drill.name}</h3>
              <p>{drill.fails}</p>
              <p className="drill-mitigation">
                <strong>Mitigation:</strong> {drill.mitigation}
              </p>
              <p className="drill-lab">
                Lab: <code>docs/labs/{drill.lab}</code>
                {drill.load
                  ? ` — its load (${String(drill.load.purchases)} purchases of ${drill.load.course}) comes with pnpm drill ${drill.name}`
                  : ''}
              </p>
              <p className="drill-state">
                {drill.injects === 'lasting' ? (
                  <>
                    <span className={`status ${on ? 'status--on' : 'status--off'}`}>
                      {on ? 'On' : 'Off'}
                    </span>
                    {on ? ` — lifts by itself in ${String(Math.ceil(left / 1000))} s` : ''}
                  </>
                ) : drill.injects === 'one-shot' ? (
                  'One-shot: injects one message'
                ) : (
                  'No fault to start: the purchases are the drill'
                )}
              </p>
              {drill.injects === 'lasting' ? (
                on ? (
                  <button
                    type="button"
                    disabled={busy !== undefined}
                    aria-label={`Stop ${drill.name}`}
                    onClick={() => void act(drill, 'stop')}
                  >
                    {busy === drill.name ? 'Stopping…' : 'Stop'}
                  </button>
                ) : (
                  <button
                    type="button"
                    disabled={busy !== undefined}
                    aria-label={`Start ${drill.name}`}
                    onClick={() => void act(drill, 'start')}
                  >
                    {busy === drill.name ? 'Starting…' : 'Start'}
                  </button>
                )
              ) : drill.injects === 'one-shot' ? (
                <button
                  type="button"
                  disabled={busy !== undefined}
                  aria-label={`Inject ${drill.name}`}
                  onClick={() => void act(drill, 'inject')}
                >
                  {busy === drill.name ? 'Injecting…' : 'Inject'}
                </button>
              ) : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

function SignalsPanel(props: {
  readonly signals: DrillSignals | undefined;
  readonly error: string | undefined;
  readonly announce: (text: string) => void;
  readonly refresh: () => Promise<void>;
}) {
  const { signals } = props;
  return (
    <section aria-labelledby="signals-heading" className="drills-signals">
      <h2 id="signals-heading">Mitigation signals</h2>
      {props.error ? (
        <p role="alert" className="error-panel">
          The signals could not be read: {props.error}
        </p>
      ) : null}
      {!signals ? (
        props.error ? null : (
          <Loading what="the signals" />
        )
      ) : (
        <>
          <p className="drills-updated">
            Read at <time dateTime={signals.at}>{new Date(signals.at).toLocaleTimeString()}</time>,
            every {REFRESH_MS / 1000} s. Counters are totals since each service started.
          </p>
          {signals.metrics.unreadable.length > 0 ? (
            <p className="notice">
              Not answering:{' '}
              {signals.metrics.unreadable.map((u) => `${u.service} (${u.why})`).join(', ')}
            </p>
          ) : null}
          <h3>Circuit breakers</h3>
          <table className="signals" aria-label="Circuit breakers">
            <thead>
              <tr>
                <th scope="col">client → dependency</th>
                <th scope="col">state</th>
                <th scope="col">opened (times)</th>
                <th scope="col">calls ok / failed / timed out</th>
                <th scope="col">refused: breaker / bulkhead</th>
              </tr>
            </thead>
            <tbody>
              {signals.metrics.breakers.map((b) => (
                <tr key={`${b.client}-${b.dependency}`}>
                  <th scope="row">
                    {b.client} → {b.dependency}
                  </th>
                  <td>
                    <span className={`status status--breaker-${b.state}`}>{b.state}</span>
                  </td>
                  <td>{b.opened}</td>
                  <td>
                    {b.calls.ok} / {b.calls.failure} / {b.calls.timeout}
                  </td>
                  <td>
                    {b.rejected.circuitOpen} / {b.rejected.bulkhead}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <h3>Outbox backlog</h3>
          <table className="signals" aria-label="Outbox backlog">
            <thead>
              <tr>
                <th scope="col">relay</th>
                <th scope="col">unsent rows</th>
                <th scope="col">oldest unsent (seconds)</th>
              </tr>
            </thead>
            <tbody>
              {signals.metrics.outboxes.map((o) => (
                <tr key={o.relay}>
                  <th scope="row">{o.relay}</th>
                  <td>{o.unsent}</td>
                  <td>{o.oldestAgeSeconds.toFixed(1)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <h3>Kafka consumer lag</h3>
          <table className="signals" aria-label="Kafka consumer lag">
            <thead>
              <tr>
                <th scope="col">consumer group</th>
                <th scope="col">lag (messages)</th>
              </tr>
            </thead>
            <tbody>
              {signals.metrics.consumerLag.map((l) => (
                <tr key={l.group}>
                  <th scope="row">{l.group}</th>
                  <td>{l.lag}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <h3>AMQP command queue (enrollment.grant-seat)</h3>
          {signals.metrics.amqpQueues ? (
            <dl className="facts" aria-label="AMQP command queue">
              <dt>ready (messages)</dt>
              <dd>{signals.metrics.amqpQueues.ready}</dd>
              <dt>delayed for a retry (messages)</dt>
              <dd>{signals.metrics.amqpQueues.delayed}</dd>
              <dt>parked (messages)</dt>
              <dd>{signals.metrics.amqpQueues.parked}</dd>
            </dl>
          ) : (
            <p>No reading yet.</p>
          )}
          <h3>Dead letters</h3>
          <DeadLetters signals={signals} />
          <Parked signals={signals} announce={props.announce} refresh={props.refresh} />
        </>
      )}
    </section>
  );
}

function DeadLetters({ signals }: { readonly signals: DrillSignals }) {
  const topics = signals.stack.deadLetteredEvents;
  return (
    <>
      {typeof topics === 'string' ? (
        <p>Kafka dead-letter topics: {topics}</p>
      ) : Object.keys(topics).length === 0 ? (
        <p>No event in any Kafka dead-letter topic.</p>
      ) : (
        <table className="signals" aria-label="Kafka dead-letter topics">
          <thead>
            <tr>
              <th scope="col">dead-letter topic</th>
              <th scope="col">events (ever)</th>
            </tr>
          </thead>
          <tbody>
            {Object.entries(topics).map(([topic, count]) => (
              <tr key={topic}>
                <th scope="row">{topic}</th>
                <td>{count}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {signals.metrics.deadLettered.length > 0 ? (
        <ul aria-label="Messages set aside, by reason">
          {signals.metrics.deadLettered.map((d) => (
            <li key={`${d.service}-${d.destination}-${d.code}`}>
              {d.service}: {d.destination} <code>{d.code}</code> × {d.count}
            </li>
          ))}
        </ul>
      ) : null}
      <p className="drills-note">
        Kafka dead letters have no redrive here: they are kept for inspection (docs/labs/
        poison-command.md).
      </p>
    </>
  );
}

function Parked(props: {
  readonly signals: DrillSignals;
  readonly announce: (text: string) => void;
  readonly refresh: () => Promise<void>;
}) {
  const [state, setState] = useState<
    | { readonly status: 'idle' }
    | { readonly status: 'running' }
    | { readonly status: 'done'; readonly text: string }
    | { readonly status: 'error'; readonly text: string }
  >({ status: 'idle' });
  const parked = props.signals.stack.parkedCommands;
  const redrive = async () => {
    setState({ status: 'running' });
    try {
      const result = await drillsApi.redrive();
      const text = `Redrive moved ${String(result.moved)} command(s) back to enrollment.grant-seat; ${String(result.remaining)} left parked.`;
      setState({ status: 'done', text });
      props.announce(text);
      await props.refresh();
    } catch (caught) {
      setState({ status: 'error', text: messageOf(caught) });
    }
  };
  return (
    <>
      <h3>Parked commands</h3>
      <p>
        enrollment.grant-seat.parking:{' '}
        <strong className="parked-count">
          {typeof parked === 'number' ? `${String(parked)} parked` : parked}
        </strong>
      </p>
      <button
        type="button"
        disabled={state.status === 'running' || parked === 0}
        onClick={() => void redrive()}
      >
        {state.status === 'running' ? 'Redriving…' : 'Redrive'}
      </button>
      {state.status === 'done' ? <p className="redrive-result">{state.text}</p> : null}
      {state.status === 'error' ? (
        <p role="alert" className="error-panel">
          The redrive failed: {state.text}
        </p>
      ) : null}
    </>
  );
}

function OrderDuringFault({ announce }: { readonly announce: (text: string) => void }) {
  const { session } = useAppState();
  const courses = useQuery(CatalogPageQuery, { first: 20, after: null });
  const [course, setCourse] = useState<string>();
  const [placing, setPlacing] = useState(false);
  const [error, setError] = useState<GraphQLRequestError>();
  const [orderId, setOrderId] = useState<string>();
  // One key per purchase, kept while it is asked again after a failure (a retry
  // must not buy twice), renewed once it is placed or the course changes.
  const [purchaseKey, setPurchaseKey] = useState(() => crypto.randomUUID());
  const courseId = useId();

  // The roomiest course by default: the drill is about the fault, not a full course.
  const nodes = courses.status === 'ok' ? courses.data.courses.nodes : [];
  const roomiest = [...nodes].sort(
    (a, b) => (b.seats?.available ?? 0) - (a.seats?.available ?? 0),
  )[0];
  const chosen = course ?? roomiest?.id;

  const place = async () => {
    if (!session || !chosen) return;
    setPlacing(true);
    setError(undefined);
    try {
      // The cart's operation: the bff's placeOrder, under the purchase's idempotency key.
      const data = await client.execute(
        PlaceOrderMutation,
        {
          input: {
            idempotencyKey: purchaseKey,
            courseIds: [chosen],
            cardToken: 'tok_visa',
          },
        },
        { token: session.token },
      );
      setOrderId(data.placeOrder.id);
      setPurchaseKey(crypto.randomUUID());
      announce(`Order ${data.placeOrder.id.slice(0, 8)} placed: ${data.placeOrder.status}.`);
    } catch (caught) {
      const failure = asRequestError(caught);
      setError(failure);
      setOrderId(undefined);
      announce(`The order was refused: ${failure.code}.`);
    } finally {
      setPlacing(false);
    }
  };

  return (
    <section aria-labelledby="order-heading" className="drills-order">
      <h2 id="order-heading">An order during the fault</h2>
      {!session ? (
        <p className="notice">Sign in as a demo learner (top of the page) to place an order.</p>
      ) : courses.status === 'loading' ? (
        <Loading what="the courses" />
      ) : courses.status === 'error' ? (
        <RequestFailed error={courses.error} retry={courses.retry} />
      ) : (
        <form
          className="drills-order-form"
          onSubmit={(event) => {
            event.preventDefault();
            void place();
          }}
        >
          <label htmlFor={courseId}>Course</label>
          <select
            id={courseId}
            value={chosen}
            onChange={(event) => {
              setCourse(event.target.value);
              setPurchaseKey(crypto.randomUUID());
            }}
          >
            {nodes.map((c) => (
              <option key={c.id} value={c.id}>
                {c.title} ({String(c.seats?.available ?? '?')} seats left)
              </option>
            ))}
          </select>
          <p className="drills-note">Paid with the test card tok_visa (approved).</p>
          <button type="submit" disabled={placing || !chosen}>
            {placing ? 'Placing the order…' : 'Place an order now'}
          </button>
        </form>
      )}
      {error ? <RequestFailed error={error} /> : null}
      {orderId && session ? (
        <>
          <h3>Order {orderId.slice(0, 8)}</h3>
          <PlacedOrderStatus key={orderId} orderId={orderId} session={session} />
          <OrderTimeline key={orderId} orderId={orderId} />
        </>
      ) : null}
    </section>
  );
}

/** The placed order's status, live until it is COMPLETED or CANCELLED: the fault's effect on it at a glance. */
function PlacedOrderStatus(props: { readonly orderId: string; readonly session: Session }) {
  const result = useQuery(
    OrderPageQuery,
    { id: props.orderId },
    {
      token: props.session.token,
      pollWhile: (data) => data.order !== null && !TERMINAL_STATUSES.includes(data.order.status),
    },
  );
  if (result.status === 'loading') return <Loading what="the order's status" />;
  if (result.status === 'error') return <RequestFailed error={result.error} retry={result.retry} />;
  const order = result.data.order;
  if (!order) return <p>Order {props.orderId} was not found.</p>;
  return (
    <p className="order-status" role="status" aria-live="polite">
      Status: <span className={`status status--${order.status.toLowerCase()}`}>{order.status}</span>
      {TERMINAL_STATUSES.includes(order.status) ? '' : ' — updating live'}
    </p>
  );
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
