import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import {
  Body,
  Controller,
  Global,
  HttpCode,
  Inject,
  Module,
  Post,
  Res,
  type DynamicModule,
} from '@nestjs/common';
import {
  createHttpApp,
  createLogger,
  LoggingModule,
  ProblemException,
  problemType,
  ZodValidationPipe,
} from '@shop/platform';
import type { FastifyReply } from 'fastify';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { z } from 'zod';
import { Idempotent, IdempotencyModule, type SqlClient } from '../../src/index.js';
import { deferred } from './deferred.js';

const PlaceOrderBody = z.object({
  learnerId: z.string().min(1),
  courseIds: z.array(z.string()).min(1),
  card: z.enum(['ok', 'declined']).default('ok'),
});
type PlaceOrderBody = z.infer<typeof PlaceOrderBody>;

/** What the test controls and observes of the handler. */
export class HandlerProbe {
  calls = 0;
  entered = deferred();
  private gate: Promise<void> = Promise.resolve();
  private failures = 0;

  /** Holds every handler call until the returned function is called. */
  hold(): () => void {
    const latch = deferred();
    this.gate = latch.promise;
    this.entered = deferred();
    return () => {
      latch.resolve();
    };
  }

  /** The next `count` calls crash with an unexpected error (a 500). */
  crashNext(count = 1): void {
    this.failures = count;
  }

  async run(body: PlaceOrderBody, reply: FastifyReply) {
    this.calls++;
    this.entered.resolve();
    await this.gate;
    if (this.failures > 0 && this.failures--) throw new Error('the database went away');
    if (body.card === 'declined') throw declined();
    // A new id and time per run: only a true replay can repeat these bytes.
    const id = randomUUID();
    void reply.header('location', `/v1/orders/${id}`);
    return { id, status: 'PENDING_PAYMENT', ...body, createdAt: new Date().toISOString() };
  }
}

function declined(): ProblemException {
  return new ProblemException({
    type: problemType('payment-declined'),
    title: 'The card was declined',
    status: 402,
  });
}

@Controller('v1')
class OrdersController {
  constructor(@Inject(HandlerProbe) private readonly probe: HandlerProbe) {}

  @Post('orders')
  @Idempotent({ scope: 'orders.create' })
  create(
    @Body(new ZodValidationPipe(PlaceOrderBody)) body: PlaceOrderBody,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.probe.run(body, reply);
  }

  @Post('carts')
  @HttpCode(200)
  @Idempotent({ scope: 'carts.create' })
  createCart(@Body() body: unknown) {
    return { cart: body };
  }
}

const SQL_CLIENT = Symbol('SQL_CLIENT');

const discard = new Writable({
  write(_chunk, _encoding, done) {
    done();
  },
});

/** A checkout-like Nest app on Fastify with the platform's filters, over `db`. */
export async function startOrdersTestApp(
  db: SqlClient,
  probe: HandlerProbe,
): Promise<NestFastifyApplication> {
  @Global()
  @Module({ providers: [{ provide: SQL_CLIENT, useValue: db }], exports: [SQL_CLIENT] })
  class DatabaseModule {}

  @Module({})
  class OrdersTestModule {}
  const root: DynamicModule = {
    module: OrdersTestModule,
    imports: [
      LoggingModule.forRoot(
        createLogger({ service: 'test', level: 'fatal', destination: discard }),
      ),
      DatabaseModule,
      IdempotencyModule.forRoot({ database: SQL_CLIENT }),
    ],
    controllers: [OrdersController],
    providers: [{ provide: HandlerProbe, useValue: probe }],
  };
  const app = await createHttpApp(root, { shutdownHooks: false });
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return app;
}
