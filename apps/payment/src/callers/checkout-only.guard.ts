import type { Metadata } from '@grpc/grpc-js';
import { status } from '@grpc/grpc-js';
import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { RpcException } from '@nestjs/microservices';
import {
  bearerTokenOf,
  InvalidTokenError,
  SERVICE_TOKEN_METADATA,
  SignedTokens,
} from '@shop/identity';

/** The checkout → payment edge's tokens, as payment verifies them. */
export class CallerTokens extends SignedTokens {}

// The only service that may call payment; the token's subject names the caller.
const ALLOWED_CALLER = 'checkout';

/**
 * Every payment call must carry checkout's token (`authorization: Bearer …`
 * metadata, issuer checkout, audience payment, signed with
 * `PAYMENT_TOKEN_SECRET`): UNAUTHENTICATED without a valid one,
 * PERMISSION_DENIED for a valid token naming another caller. Runs before the
 * request is decoded or any handler touches the database.
 */
@Injectable()
export class CheckoutOnlyGuard implements CanActivate {
  constructor(private readonly tokens: CallerTokens) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const metadata = context.switchToRpc().getContext<Metadata>();
    const caller = await this.callerOf(metadata);
    if (caller !== ALLOWED_CALLER) {
      throw new RpcException({
        code: status.PERMISSION_DENIED,
        message: `payment answers ${ALLOWED_CALLER} only, not ${caller ?? 'an unnamed caller'}`,
      });
    }
    return true;
  }

  private async callerOf(metadata: Metadata): Promise<string | undefined> {
    const [value] = metadata.get(SERVICE_TOKEN_METADATA);
    const token = typeof value === 'string' ? bearerTokenOf(value) : undefined;
    try {
      if (token === undefined) throw new InvalidTokenError('missing');
      return await this.tokens.verify(token);
    } catch (error) {
      if (!(error instanceof InvalidTokenError)) throw error;
      throw new RpcException({ code: status.UNAUTHENTICATED, message: error.message });
    }
  }
}
