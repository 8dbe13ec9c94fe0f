import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { amqpDefinitionsTemplate } from './broker-credentials.js';
import { findRepoRoot } from './repo-root.js';

const TEMPLATE = join(
  findRepoRoot(import.meta.dirname),
  'infra',
  'compose',
  'rabbitmq',
  'definitions.template.json',
);

describe("docker-compose's RabbitMQ definitions", () => {
  it('are the local stack’s users and permissions, passwords left to the environment', () => {
    // Regenerate after changing broker-credentials.ts:
    //   node -e "import('@shop/stack').then(s => console.log(JSON.stringify(s.amqpDefinitionsTemplate(), null, 2)))"
    expect(JSON.parse(readFileSync(TEMPLATE, 'utf8'))).toEqual(amqpDefinitionsTemplate());
  });
});
