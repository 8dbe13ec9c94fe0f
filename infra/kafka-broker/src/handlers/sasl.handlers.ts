import { PLAIN } from '../auth/sasl-session.js';
import { ApiKey } from '../protocol/api-key.js';
import { ErrorCode } from '../protocol/error-codes.js';
import { defineHandler } from './api-handler.js';

interface SaslHandshakeRequest {
  readonly mechanism: string;
}

// On a listener without SASL, or once authenticated, Kafka answers ILLEGAL_SASL_STATE.
export const saslHandshakeHandler = defineHandler<SaslHandshakeRequest>({
  name: 'SaslHandshake',
  apiKey: ApiKey.SaslHandshake,
  handle({ mechanism }, { broker, session, version }) {
    if (broker.sasl === undefined || session.state !== 'start')
      return { errorCode: ErrorCode.ILLEGAL_SASL_STATE, mechanisms: [] };
    if (mechanism !== PLAIN) {
      session.failed = true;
      return { errorCode: ErrorCode.UNSUPPORTED_SASL_MECHANISM, mechanisms: [PLAIN] };
    }
    // v0: the token follows as a raw frame; v1: inside SaslAuthenticate.
    session.state = version === 0 ? 'raw-token' : 'handshaken';
    return { errorCode: ErrorCode.NONE, mechanisms: [PLAIN] };
  },
});

interface SaslAuthenticateRequest {
  readonly authBytes: Buffer;
}

export const saslAuthenticateHandler = defineHandler<SaslAuthenticateRequest>({
  name: 'SaslAuthenticate',
  apiKey: ApiKey.SaslAuthenticate,
  handle({ authBytes }, { session }) {
    const answer = { authBytes: Buffer.alloc(0), sessionLifetimeMs: 0n };
    if (session.state !== 'handshaken')
      return {
        ...answer,
        errorCode: ErrorCode.ILLEGAL_SASL_STATE,
        errorMessage: 'SaslAuthenticate request received after successful authentication',
      };
    if (session.authenticate(authBytes))
      return { ...answer, errorCode: ErrorCode.NONE, errorMessage: null };
    session.failed = true;
    return {
      ...answer,
      errorCode: ErrorCode.SASL_AUTHENTICATION_FAILED,
      errorMessage: 'Authentication failed: Invalid username or password',
    };
  },
});
