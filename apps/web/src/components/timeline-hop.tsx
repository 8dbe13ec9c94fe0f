import type { CSSProperties } from 'react';
import { formatMs } from '../lib/hop-labels';
import type { HopRow } from '../lib/purchase-timeline';

// Deeper chains still indent, but no further than this (a purchase through
// the bff is a dozen hops deep).
const MAX_INDENT = 10;

const COMPENSATION = {
  starts: 'compensation starts here: the paid order is undone',
  undoes: 'compensation: undoes an earlier step',
} as const;

/** One hop of the purchase timeline: what it was, how it travelled, when, and how it ended. */
export function TimelineHop({ row }: { readonly row: HopRow }) {
  const indent = { '--depth': Math.min(row.depth, MAX_INDENT) } as CSSProperties;
  return (
    <li
      className={`hop hop--${row.outcome.tone}${row.compensation ? ' hop--compensation' : ''}`}
      data-hop-step={row.step}
    >
      <div className="hop-what" style={indent}>
        <p className="hop-title">
          <span className="hop-number">{row.number}.</span> {row.title}
        </p>
        <p className="hop-step">
          <code>{row.step}</code>
          {row.followsFrom ? (
            <span className="hop-cause">
              {' '}
              <span aria-hidden="true">↳ </span>follows from {row.followsFrom.number}
              <span className="visually-hidden">: {row.followsFrom.title}</span>
            </span>
          ) : null}
        </p>
        {row.compensation ? (
          <p className="hop-compensation">
            <span aria-hidden="true">⤺ </span>
            {COMPENSATION[row.compensation]}
          </p>
        ) : null}
      </div>
      <dl className="hop-facts">
        <div>
          <dt>Intent</dt>
          <dd>
            <span className={`hop-badge hop-badge--${row.intent.key}`}>{row.intent.label}</span>
          </dd>
        </div>
        <div>
          <dt>Transport</dt>
          <dd>{row.transport.label}</dd>
        </div>
        <div>
          <dt>Mode</dt>
          <dd className={`hop-mode hop-mode--${row.mode.key}`}>{row.mode.label}</dd>
        </div>
        <div>
          <dt>Timing</dt>
          <dd>
            at +{formatMs(row.startOffsetMs)},{' '}
            {row.durationMs === null ? 'still running' : `took ${formatMs(row.durationMs)}`}
            {row.waited ? <span className="hop-waited">; {row.waited}</span> : null}
          </dd>
        </div>
        <div>
          <dt>Outcome</dt>
          <dd>
            <span className={`hop-outcome hop-outcome--${row.outcome.tone}`}>
              <span aria-hidden="true">{row.outcome.icon} </span>
              {row.outcome.label}
              {row.attempt === null ? '' : `, attempt ${String(row.attempt)}`}
            </span>
            {row.outcomeDetail ? <span className="hop-detail">{row.outcomeDetail}</span> : null}
          </dd>
        </div>
      </dl>
      <div className="hop-bar" aria-hidden="true">
        <span
          style={{ marginLeft: `${String(row.bar.left)}%`, width: `${String(row.bar.width)}%` }}
        />
      </div>
      {row.statusChanges.length > 0 ? (
        <ul
          className="hop-status-changes"
          aria-label={`Order status changes during hop ${String(row.number)}`}
        >
          {row.statusChanges.map((change) => (
            <li key={change.key} className={`status-change status-change--${change.tone}`}>
              Order status <strong>{change.title}</strong>: {change.detail}
            </li>
          ))}
        </ul>
      ) : null}
    </li>
  );
}
