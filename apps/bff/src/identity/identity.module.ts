import { Module, type DynamicModule } from '@nestjs/common';
import type { BffConfig } from '../config.js';
import { DevTokensHttpController } from './dev-tokens.http-controller.js';
import { LearnerTokens } from '@shop/identity';

/** Learner tokens for the gateway, and the dev endpoint that issues them when DEV_TOKENS is on. */
@Module({})
export class IdentityModule {
  static forRoot(config: BffConfig): DynamicModule {
    const tokens = new LearnerTokens({
      secret: config.JWT_SECRET,
      issuer: config.JWT_ISSUER,
      audience: config.JWT_AUDIENCE,
      ttlSeconds: config.JWT_TTL_SECONDS,
    });
    return {
      module: IdentityModule,
      controllers: config.DEV_TOKENS ? [DevTokensHttpController] : [],
      providers: [{ provide: LearnerTokens, useValue: tokens }],
      exports: [LearnerTokens],
    };
  }
}
