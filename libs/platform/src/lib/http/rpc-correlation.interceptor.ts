import {
  Injectable,
  Logger,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { CORRELATION_HEADER, correlationIdFrom, withCorrelationId } from '@shop/tracing';
import { Observable, tap } from 'rxjs';

interface MetadataLike {
  get(key: string): unknown[];
}

/**
 * Gives every gRPC call the caller's correlation id (from its metadata) for
 * the whole handler, and logs one line when it is answered, as pino-http does
 * for an HTTP request. HTTP requests get their id from the Fastify hook instead.
 */
@Injectable()
export class RpcCorrelationInterceptor implements NestInterceptor {
  private readonly logger = new Logger('Rpc');

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const rpcContext: unknown = context.switchToRpc().getContext();
    // gRPC only: a Kafka handler takes its id from the event (`EventConsumer`).
    if (context.getType() !== 'rpc' || !isMetadata(rpcContext)) return next.handle();
    const id = correlationIdFrom(rpcContext.get(CORRELATION_HEADER)[0]);
    const rpc = `${context.getClass().name}.${context.getHandler().name}`;
    const started = performance.now();
    const answered = (outcome: 'ok' | 'error') => {
      const durationMs = Math.round((performance.now() - started) * 10) / 10;
      this.logger.log({ rpc, outcome, durationMs, msg: 'rpc answered' });
    };
    // Subscribing inside the context is what makes the handler run in it.
    return new Observable((subscriber) =>
      withCorrelationId(id, () =>
        next
          .handle()
          .pipe(
            tap({
              complete: () => {
                answered('ok');
              },
              error: () => {
                answered('error');
              },
            }),
          )
          .subscribe(subscriber),
      ),
    );
  }
}

function isMetadata(value: unknown): value is MetadataLike {
  return (
    typeof value === 'object' && value !== null && 'get' in value && typeof value.get === 'function'
  );
}
