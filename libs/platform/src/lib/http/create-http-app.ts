import { flushCompileCache } from 'node:module';
import type { DynamicModule, INestApplication, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger } from 'nestjs-pino';
import { ProblemDetailsFilter } from '../problem/problem-details.filter.js';
import { registerCorrelationHook } from './correlation.hook.js';
import { registerHttpMetricsHook } from '../metrics/http-metrics.hook.js';
import { frameworkErrorProblem } from './framework-error.problem.js';
import {
  DEFAULT_HTTP_SERVER_LIMITS,
  fastifyLimitOptions,
  type HttpServerLimits,
} from './http-server-limits.js';
import { RpcCorrelationInterceptor } from './rpc-correlation.interceptor.js';
import { markStartup, startupPhases } from '../service/startup-phases.js';

/**
 * A Nest application on Fastify (about twice Express's throughput here), with
 * correlation ids, request metrics, the pino logger, problem+json errors (Fastify's own
 * refusals included), deliberate limits on slow and large requests, and
 * shutdown on SIGTERM/SIGINT that drains and then exits 0.
 */
export async function createHttpApp(
  module: Type | DynamicModule,
  {
    shutdownHooks = true,
    limits = {},
  }: { shutdownHooks?: boolean; limits?: Partial<HttpServerLimits> } = {},
): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    return503OnClosing: true,
    frameworkErrors: frameworkErrorProblem,
    ...fastifyLimitOptions({ ...DEFAULT_HTTP_SERVER_LIMITS, ...limits }),
  });
  registerCorrelationHook(adapter.getInstance());
  registerHttpMetricsHook(adapter.getInstance());
  const app = await NestFactory.create<NestFastifyApplication>(module, adapter, {
    bufferLogs: true,
  });
  app.useLogger(app.get(Logger));
  app.useGlobalInterceptors(new RpcCorrelationInterceptor());
  app.useGlobalFilters(new ProblemDetailsFilter());
  // useProcessExit: exit 0 once closed, instead of re-raising the signal.
  if (shutdownHooks) app.enableShutdownHooks(['SIGTERM', 'SIGINT'], { useProcessExit: true });
  return app;
}

/** Listens on the port (0: any free one) of an interface, loopback unless told, and logs where. */
export async function listen(
  app: INestApplication,
  port: number,
  host = '127.0.0.1',
): Promise<string> {
  await app.listen(port, host);
  markStartup('shop:listening');
  // Everything is loaded: keep the compiled code for the next start (the preload enabled the cache).
  flushCompileCache();
  const url = await app.getUrl();
  // getUrl() names a reachable address (127.0.0.1 for 0.0.0.0); the log says what is bound.
  app
    .get(Logger)
    .log({ msg: `listening on ${url} (bound to ${host})`, startup: startupPhases() }, 'Bootstrap');
  return url;
}
