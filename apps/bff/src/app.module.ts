import { Module, type DynamicModule } from '@nestjs/common';
import { createLogger, HealthModule, httpReadiness, LoggingModule } from '@shop/platform';
import type { BffConfig } from './config.js';
import { GatewayModule } from './gateway/gateway.module.js';
import { loadSupergraphSdl } from './gateway/supergraph.js';
import { IdentityModule } from './identity/identity.module.js';

@Module({})
export class AppModule {
  static forRoot(config: BffConfig, supergraphSdl = loadSupergraphSdl()): DynamicModule {
    const identity = IdentityModule.forRoot(config);
    return {
      module: AppModule,
      imports: [
        LoggingModule.forRoot(createLogger({ service: 'bff', level: config.LOG_LEVEL })),
        identity,
        GatewayModule.forRoot(config, { supergraphSdl, identity }),
        // Without checkout, the root of every query, the gateway has nothing to serve;
        // the other subgraphs only add fields, which come back null while they are down.
        HealthModule.forRoot({
          drainMs: config.SHUTDOWN_DRAIN_MS,
          checks: () => [checkoutReadiness(config)],
        }),
      ],
    };
  }
}

// Until checkout serves its subgraph (issue 6 merge), readiness asks for its
// liveness; then: subgraphReadiness('checkout', config.CHECKOUT_GRAPHQL_URL).
function checkoutReadiness(config: BffConfig) {
  return httpReadiness('checkout', new URL('/health/live', config.CHECKOUT_GRAPHQL_URL).href);
}
