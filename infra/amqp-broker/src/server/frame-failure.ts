import { FrameError } from '../codec/frame.codec.js';
import { UnknownMethodError } from '../codec/method.codec.js';
import { AmqpError, ReplyCode } from '../model/amqp-error.js';

export interface FrameFailure {
  readonly error: AmqpError;
  readonly classId: number;
  readonly methodId: number;
}

/** The connection error a malformed frame causes; any other error is rethrown. */
export function frameFailure(error: unknown): FrameFailure {
  if (error instanceof FrameError)
    return { error: new AmqpError(ReplyCode.frameError, error.message), classId: 0, methodId: 0 };
  if (error instanceof UnknownMethodError) {
    const { classId, methodId } = error;
    return { error: new AmqpError(ReplyCode.commandInvalid, error.message), classId, methodId };
  }
  if (error instanceof RangeError)
    return { error: new AmqpError(ReplyCode.syntaxError, error.message), classId: 0, methodId: 0 };
  throw error;
}
