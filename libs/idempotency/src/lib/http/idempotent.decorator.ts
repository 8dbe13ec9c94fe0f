import { applyDecorators, UseInterceptors } from '@nestjs/common';
import { IdempotencyInterceptor } from './idempotency.interceptor.js';
import { IDEMPOTENT_OPTIONS, type IdempotentOptions } from './idempotent.metadata.js';

/**
 * Makes a POST endpoint require an `Idempotency-Key` and run at most once per
 * key: retries get the first response back, byte for byte. The handler stays
 * as it was; it must return a JSON-serializable value and report domain
 * failures as `ProblemException`s. Needs `IdempotencyModule.forRoot(...)`.
 *
 * @example
 * @Post() @Idempotent({ scope: 'orders.create' })
 * create(@Body(new ZodValidationPipe(PlaceOrderBody)) body: PlaceOrderBody) { ... }
 */
export function Idempotent(options: IdempotentOptions): MethodDecorator {
  return applyDecorators(IDEMPOTENT_OPTIONS(options), UseInterceptors(IdempotencyInterceptor));
}
