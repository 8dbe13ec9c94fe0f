import {
  kafkaSaslEnv,
  type AmqpApp,
  type BrokerLogin,
  type KafkaApp,
} from './broker-credentials.js';
import type { StackPorts } from './stack.config.js';

export const APP_NAMES = [
  'checkout',
  'payment',
  'enrollment',
  'notification',
  'analytics',
  'bff',
] as const;
export type AppName = (typeof APP_NAMES)[number];

/** Where every component listens; derived once from the ports. */
export interface StackAddresses {
  readonly ports: StackPorts;
  /** As the admin (migrations, the stack's own checks). */
  readonly databaseUrl: (database: string) => string;
  /** As the app's own role, which may use only its database (`grantServiceRole` of `@shop/database`). */
  readonly appDatabaseUrl: (app: AppName) => string;
  readonly kafkaBrokers: string;
  /** The SASL/PLAIN login of the stack's admin user; undefined for a Kafka the user runs (`KAFKA_BROKERS`). */
  readonly kafkaAdmin: BrokerLogin | undefined;
  /** The app's own Kafka login; undefined for a Kafka the user runs. */
  readonly kafkaLoginOf: (app: KafkaApp) => BrokerLogin | undefined;
  /** As the stack's admin user (tests, tools). */
  readonly amqpUrl: string;
  /** As the app's own user, with only the permissions it needs. */
  readonly amqpUrlOf: (app: AmqpApp) => string;
  /** Where checkout reaches payment's gRPC API: the port itself, or the fault API's lossy link in front of it. */
  readonly paymentGrpcUrl: string;
}

export interface AppDefinition {
  readonly name: AppName;
  readonly port: (ports: StackPorts) => number;
  /** Apps that own a database get it created and migrated before they start. */
  readonly ownsDatabase: boolean;
  readonly env: (at: StackAddresses) => Record<string, string>;
  /** What a person would open, printed once the stack is ready. */
  readonly endpoints: (ports: StackPorts) => Record<string, string>;
}

const local = (port: number, path = '') => `http://127.0.0.1:${port}${path}`;

export const APPS: readonly AppDefinition[] = [
  {
    name: 'payment',
    port: (p) => p.PAYMENT_PORT,
    ownsDatabase: true,
    env: (at) => ({ GRPC_HOST: '127.0.0.1', GRPC_PORT: String(at.ports.PAYMENT_GRPC_PORT) }),
    endpoints: (p) => ({
      gRPC: `127.0.0.1:${p.PAYMENT_GRPC_PORT} (shop.payment.v1.PaymentService)`,
    }),
  },
  {
    name: 'checkout',
    port: (p) => p.CHECKOUT_PORT,
    ownsDatabase: true,
    env: (at) => ({
      PAYMENT_GRPC_URL: at.paymentGrpcUrl,
      KAFKA_BROKERS: at.kafkaBrokers,
      ...kafkaSaslEnv(at.kafkaLoginOf('checkout')),
      AMQP_URL: at.amqpUrlOf('checkout'),
    }),
    endpoints: (p) => ({ 'REST API': local(p.CHECKOUT_PORT, '/v1/courses') }),
  },
  {
    name: 'enrollment',
    port: (p) => p.ENROLLMENT_PORT,
    ownsDatabase: true,
    env: (at) => ({
      AMQP_URL: at.amqpUrlOf('enrollment'),
      KAFKA_BROKERS: at.kafkaBrokers,
      ...kafkaSaslEnv(at.kafkaLoginOf('enrollment')),
    }),
    endpoints: () => ({}),
  },
  {
    name: 'notification',
    port: (p) => p.NOTIFICATION_PORT,
    ownsDatabase: true,
    env: (at) => ({
      KAFKA_BROKERS: at.kafkaBrokers,
      ...kafkaSaslEnv(at.kafkaLoginOf('notification')),
    }),
    endpoints: () => ({}),
  },
  {
    name: 'analytics',
    port: (p) => p.ANALYTICS_PORT,
    ownsDatabase: true,
    env: (at) => ({
      KAFKA_BROKERS: at.kafkaBrokers,
      ...kafkaSaslEnv(at.kafkaLoginOf('analytics')),
    }),
    endpoints: () => ({}),
  },
  {
    name: 'bff',
    port: (p) => p.BFF_PORT,
    ownsDatabase: false,
    env: (at) => ({
      CHECKOUT_GRAPHQL_URL: local(at.ports.CHECKOUT_PORT, '/graphql'),
      ENROLLMENT_GRAPHQL_URL: local(at.ports.ENROLLMENT_PORT, '/graphql'),
      NOTIFICATION_GRAPHQL_URL: local(at.ports.NOTIFICATION_PORT, '/graphql'),
      ANALYTICS_GRAPHQL_URL: local(at.ports.ANALYTICS_PORT, '/graphql'),
    }),
    endpoints: (p) => ({ GraphQL: local(p.BFF_PORT, '/graphql') }),
  },
];

export interface BrokerDefinition {
  readonly name: 'kafka' | 'amqp';
  readonly label: string;
  /** The broker's CLI, relative to the repository root. */
  readonly cli: string;
  readonly port: (ports: StackPorts) => number;
  /** How apps would reach a real one instead. */
  readonly realAlternative: string;
}

export const BROKERS: readonly BrokerDefinition[] = [
  {
    name: 'kafka',
    label: 'Kafka (embedded, single node)',
    cli: 'infra/kafka-broker/dist/cli.js',
    port: (p) => p.KAFKA_PORT,
    realAlternative: 'KAFKA_BROKERS=host:9092',
  },
  {
    name: 'amqp',
    label: 'RabbitMQ/AMQP 0-9-1 (embedded, single node)',
    cli: 'infra/amqp-broker/dist/cli.js',
    port: (p) => p.AMQP_PORT,
    realAlternative: 'AMQP_URL=amqp://user:pass@host:5672',
  },
];

/** Every port of the stack with the variable that sets it and what uses it, for checks and messages. */
export function portTable(ports: StackPorts): { variable: keyof StackPorts; port: number }[] {
  return (Object.keys(ports) as (keyof StackPorts)[]).map((variable) => ({
    variable,
    port: ports[variable],
  }));
}
