import type { Tone } from '../lib/hop-labels';
import type { StatusStep } from '../lib/status-steps';

const TONE_LABEL: Readonly<Record<Tone, string>> = {
  ok: 'done',
  failed: 'failed',
  retried: 'retried',
  parked: 'parked',
  waiting: 'in progress',
};

/** Status changes, oldest first, each with its reason and time: the order's history without hops. */
export function StatusTimeline(props: {
  readonly steps: readonly StatusStep[];
  readonly label: string;
}) {
  return (
    <ol className="timeline" aria-label={props.label}>
      {props.steps.map((step) => (
        <li key={step.key} className={`timeline-step timeline-step--${step.tone}`}>
          <span className="timeline-dot" aria-hidden="true" />
          <div>
            <p className="timeline-title">
              {step.title} <span className="visually-hidden">({TONE_LABEL[step.tone]})</span>
            </p>
            <p className="timeline-detail">{step.detail}</p>
            <time dateTime={step.at}>{new Date(step.at).toLocaleTimeString()}</time>
          </div>
        </li>
      ))}
    </ol>
  );
}
