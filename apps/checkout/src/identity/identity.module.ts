import { Global, Module, type DynamicModule } from '@nestjs/common';
import { LearnerTokens } from '@shop/identity';
import type { CheckoutConfig } from '../config.js';
import { LearnerBearerGuard } from './learner-bearer.guard.js';

/** Verifies learner tokens for the REST routes that need a learner (same settings as the bff). */
@Global()
@Module({})
export class IdentityModule {
  static forRoot(config: CheckoutConfig): DynamicModule {
    const tokens = new LearnerTokens({
      secret: config.JWT_SECRET,
      issuer: config.JWT_ISSUER,
      audience: config.JWT_AUDIENCE,
      // checkout verifies only; the lifetime is the issuer's.
      ttlSeconds: 0,
    });
    return {
      module: IdentityModule,
      providers: [{ provide: LearnerTokens, useValue: tokens }, LearnerBearerGuard],
      exports: [LearnerTokens, LearnerBearerGuard],
    };
  }
}
