import { Body, Controller, Post } from '@nestjs/common';
import { ZodValidationPipe } from '@shop/platform';
import { z } from 'zod';
import { LearnerTokens } from '@shop/identity';

export const devTokenRequestSchema = z.object({ learnerId: z.uuid() });

// Development only (DEV_TOKENS): anyone may sign in as any learner. A real
// deployment has an identity provider issue the tokens instead.
@Controller('dev/tokens')
export class DevTokensHttpController {
  constructor(private readonly tokens: LearnerTokens) {}

  @Post()
  issue(
    @Body(new ZodValidationPipe(devTokenRequestSchema)) body: z.infer<typeof devTokenRequestSchema>,
  ) {
    return this.tokens.issue(body.learnerId);
  }
}
