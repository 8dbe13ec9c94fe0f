import { INTENTS, MODES, OUTCOMES, TRANSPORTS, type Label } from '../lib/hop-labels';

const GROUPS: readonly {
  readonly title: string;
  readonly labels: readonly (Label & { readonly icon?: string })[];
}[] = [
  { title: 'Intent: what the hop asks for', labels: Object.values(INTENTS) },
  { title: 'Transport: how it travelled', labels: Object.values(TRANSPORTS) },
  { title: 'Mode: who waited', labels: Object.values(MODES) },
  { title: 'Outcome: how it ended', labels: Object.values(OUTCOMES) },
];

/** What the timeline's labels mean; a native disclosure, so it opens from the keyboard too. */
export function TimelineLegend() {
  return (
    <details className="timeline-legend" open>
      <summary>What the labels mean</summary>
      <p>
        Each hop is one step of the purchase that crossed a boundary, read from the real traces of
        the order: a request in, a call, an outbox write, a message sent, a message taken. A hop is
        indented under the hop it follows from; the bar shows when it ran within the purchase.
      </p>
      <div className="timeline-legend-groups">
        {GROUPS.map((group) => (
          <section key={group.title}>
            <h3>{group.title}</h3>
            <dl>
              {group.labels.map((label) => (
                <div key={label.key}>
                  <dt>
                    {label.icon ? <span aria-hidden="true">{label.icon} </span> : null}
                    {label.label}
                  </dt>
                  <dd>{label.meaning}</dd>
                </div>
              ))}
            </dl>
          </section>
        ))}
      </div>
    </details>
  );
}
