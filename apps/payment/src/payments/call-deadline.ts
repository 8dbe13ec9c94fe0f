import type { ServerUnaryCall } from '@grpc/grpc-js';

/**
 * An AbortSignal that fires when the caller's deadline passes or the caller
 * cancels — so a handler stops work nobody will receive. grpc-js carries the
 * deadline the client sent (`grpc-timeout`) on the call Nest passes as the
 * handler's third argument.
 */
export function abortSignalOf(
  call: Pick<ServerUnaryCall<unknown, unknown>, 'getDeadline' | 'once'> | undefined,
): AbortSignal {
  if (!call) return new AbortController().signal;
  const cancelled = new AbortController();
  call.once('cancelled', () => {
    cancelled.abort(new Error('the caller cancelled'));
  });
  const deadline = call.getDeadline();
  const at = deadline instanceof Date ? deadline.getTime() : deadline;
  if (!Number.isFinite(at)) return cancelled.signal;
  return AbortSignal.any([cancelled.signal, AbortSignal.timeout(Math.max(0, at - Date.now()))]);
}
