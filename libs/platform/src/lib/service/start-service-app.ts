import type { DynamicModule } from '@nestjs/common';
import type { MicroserviceOptions } from '@nestjs/microservices';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createHttpApp, listen } from '../http/create-http-app.js';
import type { HttpServerLimits } from '../http/http-server-limits.js';
import { SERVICE_TRANSPORTS } from './service.module.js';
import { markStartup } from './startup-phases.js';

export interface StartServiceAppOptions {
  /** Listen on this port (0: any free one); without it the app is only initialised (tests use `app.inject`). */
  readonly port?: number;
  /** The interface to listen on. Default 127.0.0.1. */
  readonly host?: string;
  /** Tighter or looser HTTP limits than the defaults (a test proving a timeout). */
  readonly httpLimits?: Partial<HttpServerLimits>;
  /** Close on SIGTERM/SIGINT. Default: when it listens. */
  readonly shutdownHooks?: boolean;
  /** Connect and start the transports `ServiceModule` declares. Default true; a test may leave them out. */
  readonly transports?: boolean;
  /** Runs on the created app before anything is initialised (a test registering a Fastify hook). */
  readonly beforeInit?: (app: NestFastifyApplication) => void;
}

/**
 * Builds a service's app (a module using `ServiceModule`), connects each of
 * its transports as a Nest microservice sharing the app's interceptors and
 * filters, starts them, then listens — the same sequence in every service.
 */
export async function startServiceApp(
  module: DynamicModule,
  {
    port,
    host,
    httpLimits,
    shutdownHooks = port !== undefined,
    transports = true,
    beforeInit,
  }: StartServiceAppOptions = {},
): Promise<NestFastifyApplication> {
  const app = await createHttpApp(module, {
    shutdownHooks,
    ...(httpLimits ? { limits: httpLimits } : {}),
  });
  markStartup('shop:nest-created');
  beforeInit?.(app);
  if (transports) {
    for (const microservice of app.get<MicroserviceOptions[]>(SERVICE_TRANSPORTS)) {
      app.connectMicroservice(microservice, { inheritAppConfig: true });
    }
    await app.startAllMicroservices();
  }
  markStartup('shop:transports-started');
  if (port === undefined) await app.init();
  else await listen(app, port, host);
  return app;
}
