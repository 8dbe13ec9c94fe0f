import { Module, type DynamicModule } from '@nestjs/common';
import { supergraphSdl as committedSupergraph } from '@shop/contracts';
import { ServiceModule } from '@shop/platform';
import type { BffConfig } from './config.js';
import { GatewayModule } from './gateway/gateway.module.js';
import { gatewayTokensFor } from './gateway/subgraph.data-source.js';
import { subgraphReadiness } from './health/subgraph-readiness.js';
import { IdentityModule } from './identity/identity.module.js';

@Module({})
export class AppModule {
  static forRoot(config: BffConfig, supergraphSdl = committedSupergraph()): DynamicModule {
    const identity = IdentityModule.forRoot(config);
    return {
      module: AppModule,
      imports: [
        ServiceModule.forRoot({
          name: 'bff',
          config,
          // Without checkout, the root of every query, the gateway has nothing to serve;
          // the other subgraphs only add fields, which come back null while they are down.
          features: [
            {
              readiness: {
                use: () =>
                  subgraphReadiness(
                    'checkout',
                    config.CHECKOUT_GRAPHQL_URL,
                    gatewayTokensFor('checkout', config.CHECKOUT_SUBGRAPH_SECRET),
                  ),
              },
            },
          ],
        }),
        identity,
        GatewayModule.forRoot(config, { supergraphSdl, identity }),
      ],
    };
  }
}
