import { join } from 'node:path';
import { findFreePort } from '@shop/local-postgres';
import {
  firstUser,
  kafkaVersion,
  prepareKafkaNode,
  realKafkaUnavailableReason,
  waitUntilServing,
} from '@shop/real-kafka';
import { KAFKA_SUPER_USERS, kafkaSaslUsers, provisionStackKafka } from './broker-credentials.js';
import { ManagedProcess } from './managed-process.js';
import type { ComponentRecipe } from './stack-component.js';

export interface RealBrokerPlace {
  readonly root: string;
  readonly dataDir: string;
  readonly logDir: string;
  readonly port: number;
  readonly readyTimeoutMs: number;
  readonly log: (line: string) => void;
}

export const realKafkaLabel = () => `Apache Kafka ${kafkaVersion()} (real, single-node KRaft)`;

/**
 * Real Apache Kafka as a component of the stack: the JVM is the stack's own
 * child (stopped by PID, restartable on the same ports and data dir in
 * `<dataDir>/real-kafka`), its output in `<logDir>/kafka.log`. Its client
 * listener is SASL_PLAINTEXT with the stack's users.
 */
export async function realKafkaRecipe(place: RealBrokerPlace): Promise<ComponentRecipe> {
  const unavailable = realKafkaUnavailableReason();
  if (unavailable !== undefined) throw new Error(`STACK_KAFKA=real, but ${unavailable}`);
  const users = kafkaSaslUsers();
  const launch = prepareKafkaNode(
    {
      host: '127.0.0.1',
      port: place.port,
      // Internal to the one node; a data dir survives a new controller port.
      controllerPort: await findFreePort(),
      dataDir: join(place.dataDir, 'real-kafka'),
      sasl: { users },
      // StandardAuthorizer: stack-admin alone is a super user; the apps get ACLs.
      superUsers: KAFKA_SUPER_USERS,
    },
    (line) => {
      place.log(`kafka        ${line}`);
    },
  );
  return {
    name: 'kafka',
    kind: 'broker',
    spawn: () =>
      ManagedProcess.spawn({
        name: 'kafka',
        command: launch.command,
        args: launch.args,
        cwd: place.root,
        env: process.env,
        logFile: join(place.logDir, 'kafka.log'),
      }),
    waitUntilServing: (child) =>
      waitUntilServing(launch.brokers, {
        timeoutMs: place.readyTimeoutMs,
        exited: () => !child.running,
        sasl: firstUser(users),
      })
        // The topics and every app's ACLs, the same way as on the stand-in (start-brokers.ts).
        .then(() => provisionStackKafka(launch.brokers))
        .catch((error: unknown) => {
          throw new Error(`real Kafka did not serve: ${String(error)}\n${child.lastLines()}`, {
            cause: error,
          });
        }),
    // Kafka's controlled shutdown flushes and closes every log first.
    stopGraceMs: 60_000,
  };
}
