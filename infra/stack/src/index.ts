export {
  AMQP_LOGINS,
  amqpDefinitions,
  amqpDefinitionsTemplate,
  amqpUrlAs,
  KAFKA_LOGINS,
  KAFKA_SUPER_USERS,
  kafkaSaslUsers,
  kafkaUsers,
  provisionStackKafka,
  STACK_ADMIN,
  type AmqpApp,
  type BrokerLogin,
  type KafkaApp,
} from './lib/broker-credentials.js';
export { amqpUrlWithLogin } from './lib/external-brokers.js';
export { PortInUseError } from './lib/ports.js';
export { findRepoRoot } from './lib/repo-root.js';
export { APPS, BROKERS, type AppName } from './lib/stack-components.js';
export { stackConfigSchema, type StackConfig, type StackPorts } from './lib/stack.config.js';
export type {
  Component,
  ComponentKind,
  ComponentState,
  ComponentStatus,
  StackComponent,
} from './lib/stack-component.js';
export type { ExitStatus, RestartPolicy } from './lib/restart-policy.js';
export type { AppEnvironment } from './lib/start-apps.js';
export { startStack, type RunningStack, type StartStackOptions } from './lib/start-stack.js';
export {
  controlFileOf,
  NoControlFileError,
  StackControl,
  writeControlFile,
  type ControlFile,
  type RemoteComponent,
} from './lib/stack-control.client.js';
export {
  describeStack,
  serveStackControl,
  type StackControlOptions,
  type StackControlServer,
  type StackDescription,
} from './lib/stack-control.server.js';
export { createFaultApi, FaultApiRefusedError, type FaultApi } from './lib/faults/fault-api.js';
export {
  FAULT_KINDS,
  faultRequestSchema,
  type FaultKind,
  type FaultRequest,
  type FaultRequestInput,
} from './lib/faults/fault-request.js';
export type { ActiveFault } from './lib/faults/fault-injector.js';
export {
  describeMetrics,
  drillServicePorts,
  scrapeServices,
  type Scrapes,
  type ServicePorts,
} from './lib/drills/metrics-readings.js';
export {
  DRILLS,
  isDrillName,
  type Drill,
  type DrillLoad,
  type DrillName,
} from './lib/drills/drills.js';
export { DRILL_COURSES, type DrillCourse } from './lib/drills/drill-purchases.js';
export { readStack, type StackReading } from './lib/drills/stack-readings.js';
export {
  metricSignals,
  type BreakerSignal,
  type DeadLetterSignal,
  type MetricSignals,
  type OutboxSignal,
} from './lib/drills/metrics-readings.js';
export type { DrillEntry, DrillSignals, RedriveAnswer } from './lib/drills/drill-routes.js';
