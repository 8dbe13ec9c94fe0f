import { randomUUID } from 'node:crypto';
import { Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { currentCorrelationId, flushSpans } from '@shop/tracing';
import { LoggerModule } from 'nestjs-pino';
import type { Logger } from 'pino';

// Spans wait in the tracing preload's batch processor; export them before the process exits.
class FlushSpansOnShutdown implements OnApplicationShutdown {
  async onApplicationShutdown(): Promise<void> {
    await flushSpans();
  }
}

/**
 * Routes Nest's own logs and one line per HTTP request through the service's
 * pino logger (nestjs-pino). The correlation id comes from the logger's mixin
 * (and, when tracing is on, `trace_id`/`span_id` from the pino instrumentation).
 * On shutdown it flushes the spans the process still holds.
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
            // Health probes every few seconds would drown the interesting
            // lines: log them only when they fail.
            customLogLevel: (req, res, error) => {
              if (error !== undefined || res.statusCode >= 500) return 'error';
              if (res.statusCode >= 400) return 'warn';
              return req.url?.startsWith('/health') ? 'silent' : 'info';
            },
            serializers: {
              req: (req: { method?: string; url?: string }) => ({
                method: req.method,
                url: req.url,
              }),
              res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
            },
          },
        }),
      ],
      providers: [FlushSpansOnShutdown],
      exports: [LoggerModule],
    };
  }
}
