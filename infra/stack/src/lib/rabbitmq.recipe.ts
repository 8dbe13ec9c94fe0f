import { join } from 'node:path';
import {
  importRabbitMqDefinitions,
  prepareRabbitMqNode,
  rabbitMqUnavailableReason,
  stopEpmd,
} from '@shop/amqp-broker';
import { findFreePort } from '@shop/local-postgres';
import amqp from 'amqplib';
import { amqpDefinitions } from './broker-credentials.js';
import { ManagedProcess } from './managed-process.js';
import type { RealBrokerPlace } from './real-kafka.recipe.js';
import type { ComponentRecipe } from './stack-component.js';
import { waitUntil } from './wait-until.js';

export const RABBITMQ_LABEL = "RabbitMQ (real, Debian's rabbitmq-server, single node)";

/**
 * A real RabbitMQ as a component of the stack: Debian's rabbitmq-server in
 * the foreground (as the `rabbitmq` user when the stack runs as root), data in
 * `<dataDir>/rabbitmq` under a fixed node name (so a restart finds its
 * queues), its own epmd on a private port, stopped together. Once it serves,
 * the stack's users and permissions are imported (`rabbitmqctl import_definitions`).
 */
export async function rabbitMqRecipe(place: RealBrokerPlace): Promise<ComponentRecipe> {
  const unavailable = rabbitMqUnavailableReason();
  if (unavailable !== undefined) throw new Error(`STACK_AMQP=real, but ${unavailable}`);
  const epmdPort = await findFreePort();
  const node = prepareRabbitMqNode({
    dataDir: join(place.dataDir, 'rabbitmq'),
    port: place.port,
    distPort: await findFreePort(),
    epmdPort,
    nodeName: 'shop-stack@localhost',
  });
  return {
    name: 'amqp',
    kind: 'broker',
    spawn: () =>
      ManagedProcess.spawn({
        name: 'amqp',
        command: node.command,
        args: node.args,
        cwd: node.env.HOME ?? place.root,
        env: { ...process.env, ...node.env },
        uid: node.uid,
        gid: node.gid,
        // The script waits on the Erlang VM: a SIGKILL must reach both.
        processGroup: true,
        logFile: join(place.logDir, 'amqp.log'),
      }),
    waitUntilServing: async (child) => {
      await waitUntil(
        async () => {
          const connection = await amqp.connect(node.url);
          await connection.close();
        },
        {
          what: 'RabbitMQ accepting AMQP connections',
          process: child,
          timeoutMs: place.readyTimeoutMs,
        },
      );
      await importRabbitMqDefinitions(node, amqpDefinitions());
    },
    stopGraceMs: 60_000,
    afterStop: () => {
      stopEpmd(epmdPort);
    },
  };
}
