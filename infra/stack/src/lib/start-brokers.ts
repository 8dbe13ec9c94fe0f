import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  amqpDefinitions,
  KAFKA_SUPER_USERS,
  kafkaSaslUsers,
  provisionStackKafka,
} from './broker-credentials.js';
import { provisionExternalBrokers } from './external-brokers.js';
import { ManagedProcess } from './managed-process.js';
import type { OwnedProcesses } from './owned-processes.js';
import { rabbitMqRecipe, RABBITMQ_LABEL } from './rabbitmq.recipe.js';
import { realKafkaLabel, realKafkaRecipe, type RealBrokerPlace } from './real-kafka.recipe.js';
import { StackComponent, type ComponentRecipe } from './stack-component.js';
import { BROKERS, type BrokerDefinition } from './stack-components.js';
import type { BrokerEngines, ExternalBrokers, StackPorts } from './stack.config.js';

/**
 * Starts each broker the user does not run: the embedded stand-in (when its
 * CLI is built; otherwise reported as not started, with why) or the real
 * engine, as `engines` says. Every line names the engine.
 */
export async function startBrokers(options: {
  readonly root: string;
  readonly dataDir: string;
  readonly logDir: string;
  readonly ports: StackPorts;
  readonly external: ExternalBrokers;
  readonly engines: BrokerEngines;
  readonly readyTimeoutMs: number;
  readonly kafkaGroupDelayMs: number;
  readonly log: (line: string) => void;
  readonly owned: OwnedProcesses;
}): Promise<{ notStarted: string[] }> {
  const { external, engines, log, owned } = options;
  const notStarted: string[] = [];
  await Promise.all([
    provisionExternalBrokers(external, log),
    ...BROKERS.map(async (broker) => {
      const address = external[broker.name];
      if (address !== undefined) {
        log(`${broker.name.padEnd(12)} using ${withoutPassword(address)} (not starting one)`);
        return;
      }
      const place = { ...options, port: broker.port(options.ports) };
      const real = engines[broker.name] === 'real';
      const recipe = real ? await realRecipe(broker, place) : await embeddedRecipe(broker, place);
      if (typeof recipe === 'string') {
        notStarted.push(recipe);
        log(`${broker.name.padEnd(12)} ${recipe}`);
        return;
      }
      const started = Date.now();
      await owned.add(new StackComponent(recipe)).start();
      const label = real ? realLabel(broker) : broker.label;
      log(
        `${broker.name.padEnd(12)} ready on 127.0.0.1:${place.port} — ${label} (${Date.now() - started} ms)`,
      );
    }),
  ]);
  return { notStarted };
}

function realRecipe(broker: BrokerDefinition, place: RealBrokerPlace): Promise<ComponentRecipe> {
  return broker.name === 'kafka' ? realKafkaRecipe(place) : rabbitMqRecipe(place);
}

function realLabel(broker: BrokerDefinition): string {
  return broker.name === 'kafka' ? realKafkaLabel() : RABBITMQ_LABEL;
}

// The project's own stand-in, or why it cannot run (its CLI is not built).
async function embeddedRecipe(
  broker: BrokerDefinition,
  place: RealBrokerPlace & { readonly kafkaGroupDelayMs: number },
): Promise<ComponentRecipe | string> {
  const cli = join(place.root, broker.cli);
  if (!existsSync(cli))
    return `${broker.label}: NOT STARTED — ${broker.cli} is not built or not present yet`;
  const args = ['--port', String(place.port), '--data-dir', join(place.dataDir, broker.name)];
  if (broker.name === 'amqp') {
    // The same users and permissions real RabbitMQ gets (rabbitmq.recipe.ts).
    const definitions = join(place.dataDir, 'amqp-definitions.json');
    await writeFile(definitions, JSON.stringify(amqpDefinitions(), null, 2));
    args.push('--definitions', definitions);
  } else {
    // Kafka's SASL_PLAINTEXT: every client logs in (real-kafka.recipe.ts has the same users).
    const users = join(place.dataDir, 'kafka-sasl-users.json');
    await writeFile(users, JSON.stringify(kafkaSaslUsers(), null, 2));
    // ACLs as real Kafka's StandardAuthorizer: stack-admin alone is a super user.
    args.push('--sasl-plain-users', users, '--super-users', KAFKA_SUPER_USERS.join(';'));
    // 0 by default, as real Kafka's development config (and real-kafka's): a
    // consumer group forms at once instead of waiting 3 s for more members.
    args.push('--initial-rebalance-delay-ms', String(place.kafkaGroupDelayMs));
  }
  return {
    name: broker.name,
    kind: 'broker',
    spawn: () =>
      ManagedProcess.spawn({
        name: broker.name,
        command: process.execPath,
        args: ['--enable-source-maps', cli, ...args],
        cwd: place.root,
        env: process.env,
        logFile: join(place.logDir, `${broker.name}.log`),
      }),
    waitUntilServing: async (child) => {
      await child.waitForLine(/listening on/, place.readyTimeoutMs);
      // The topics and every app's ACLs, the same way as on real Kafka (real-kafka.recipe.ts).
      if (broker.name === 'kafka') await provisionStackKafka(`127.0.0.1:${place.port}`);
    },
  };
}

function withoutPassword(address: string): string {
  return address.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');
}
