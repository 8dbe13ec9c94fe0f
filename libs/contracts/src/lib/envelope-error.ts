import { ValidationError } from 'cloudevents';

/** One line out of whatever the cloudevents package threw: its message and each spec violation. */
export function describeEnvelopeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const firstLine = error.message.split('\n')[0] ?? error.message;
  if (!(error instanceof ValidationError) || !error.errors?.length) return firstLine;
  const details = error.errors.map((detail) =>
    typeof detail === 'string'
      ? detail
      : `${detail.instancePath || '/'} ${detail.message ?? ''}`.trim(),
  );
  return `${firstLine}: ${details.join('; ')}`;
}
