import { randomUUID } from 'node:crypto';
import { Module, type DynamicModule } from '@nestjs/common';
import { currentCorrelationId } from '@shop/tracing';
import { LoggerModule } from 'nestjs-pino';
import type { Logger } from 'pino';

/**
 * Routes Nest's own logs and one line per HTTP request through the service's
 * pino logger (nestjs-pino). The correlation id comes from the logger's mixin.
 */
@Module({})
export class LoggingModule {
  static forRoot(logger: Logger): DynamicModule {
    return {
      module: LoggingModule,
      imports: [
        LoggerModule.forRoot({
          // nestjs-pino's default route pattern does not match under Fastify's
          // middleware router in Nest 12; an explicit catch-all does.
          forRoutes: ['{*splat}'],
          pinoHttp: {
            logger,
            genReqId: () => currentCorrelationId() ?? randomUUID(),
            // Health probes every few seconds would drown the interesting lines.
            autoLogging: { ignore: (req) => req.url?.startsWith('/health') ?? false },
            serializers: {
              req: (req: { method?: string; url?: string }) => ({ method: req.method, url: req.url }),
              res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
            },
          },
        }),
      ],
      exports: [LoggerModule],
    };
  }
}
