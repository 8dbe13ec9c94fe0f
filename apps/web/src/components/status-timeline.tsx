import type { TimelineStep } from '../lib/timeline-steps';

const OUTCOME_LABEL = { ok: 'done', failed: 'failed', waiting: 'in progress' } as const;

/** The purchase's steps, oldest first, each with its time and outcome. */
export function StatusTimeline(props: {
  readonly steps: readonly TimelineStep[];
  readonly label: string;
}) {
  return (
    <ol className="timeline" aria-label={props.label}>
      {props.steps.map((step) => (
        <li key={step.key} className={`timeline-step timeline-step--${step.outcome}`}>
          <span className="timeline-dot" aria-hidden="true" />
          <div>
            <p className="timeline-title">
              {step.title} <span className="visually-hidden">({OUTCOME_LABEL[step.outcome]})</span>
            </p>
            <p className="timeline-detail">{step.detail}</p>
            <time dateTime={step.at}>{new Date(step.at).toLocaleTimeString()}</time>
          </div>
        </li>
      ))}
    </ol>
  );
}
