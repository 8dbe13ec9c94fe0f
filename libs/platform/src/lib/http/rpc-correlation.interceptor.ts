import {
  Injectable,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { CORRELATION_HEADER, correlationIdFrom, withCorrelationId } from '@shop/tracing';
import { Observable } from 'rxjs';

interface MetadataLike {
  get(key: string): unknown[];
}

/**
 * Gives every gRPC call the caller's correlation id (from its metadata) for
 * the whole handler. HTTP requests get theirs from the Fastify hook instead.
 */
@Injectable()
export class RpcCorrelationInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'rpc') return next.handle();
    const id = correlationIdFrom(incomingId(context.switchToRpc().getContext()));
    // Subscribing inside the context is what makes the handler run in it.
    return new Observable((subscriber) =>
      withCorrelationId(id, () => next.handle().subscribe(subscriber)),
    );
  }
}

function incomingId(rpcContext: unknown): unknown {
  if (isMetadata(rpcContext)) return rpcContext.get(CORRELATION_HEADER)[0];
  return undefined;
}

function isMetadata(value: unknown): value is MetadataLike {
  return (
    typeof value === 'object' && value !== null && 'get' in value && typeof value.get === 'function'
  );
}
