/** What a single-node KRaft broker is told, sized for a 2-core development machine. */
export interface KafkaNodeSettings {
  readonly host: string;
  readonly port: number;
  readonly controllerPort: number;
  readonly dataDir: string;
  /** Extra or overriding `server.properties` entries (e.g. `message.max.bytes`). */
  readonly properties?: Readonly<Record<string, string | number | boolean>>;
}

/**
 * `server.properties` of one process that is both broker and controller
 * (KRaft, no ZooKeeper). Defaults that matter for a one-node test broker are
 * spelled out: replication factor 1 for the internal topics, no initial
 * rebalance delay, and few threads.
 */
export function serverProperties(settings: KafkaNodeSettings): string {
  const { host, port, controllerPort, dataDir } = settings;
  const entries: Record<string, string | number | boolean> = {
    'process.roles': 'broker,controller',
    'node.id': 1,
    'controller.quorum.bootstrap.servers': `${host}:${controllerPort}`,
    listeners: `PLAINTEXT://${host}:${port},CONTROLLER://${host}:${controllerPort}`,
    'advertised.listeners': `PLAINTEXT://${host}:${port}`,
    'controller.listener.names': 'CONTROLLER',
    'inter.broker.listener.name': 'PLAINTEXT',
    'listener.security.protocol.map': 'PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT',
    'log.dirs': `${dataDir}/log`,
    'metadata.log.dir': `${dataDir}/metadata`,
    'num.partitions': 1,
    'auto.create.topics.enable': true,
    // One node: every internal topic has one replica.
    'offsets.topic.replication.factor': 1,
    'transaction.state.log.replication.factor': 1,
    'transaction.state.log.min.isr': 1,
    'share.coordinator.state.topic.replication.factor': 1,
    'share.coordinator.state.topic.min.isr': 1,
    // Groups form at once instead of waiting 3 s for more members.
    'group.initial.rebalance.delay.ms': 0,
    // Two cores: fewer threads than Kafka's server-sized defaults.
    'num.network.threads': 2,
    'num.io.threads': 2,
    'background.threads': 2,
    'num.recovery.threads.per.data.dir': 1,
    ...settings.properties,
  };
  return `${Object.entries(entries)
    .map(([key, value]) => `${key}=${String(value)}`)
    .join('\n')}\n`;
}

/**
 * Log4j 2 configuration (properties format): Kafka's INFO lines to stdout,
 * where the owner of the process keeps them (a log file, a test's tail).
 */
export function log4jProperties(level: 'INFO' | 'WARN' = 'INFO'): string {
  return [
    'status = error',
    'appender.out.type = Console',
    'appender.out.name = out',
    'appender.out.target = SYSTEM_OUT',
    'appender.out.layout.type = PatternLayout',
    'appender.out.layout.pattern = [%d] %p %m (%c)%n',
    `rootLogger.level = ${level}`,
    'rootLogger.appenderRef.out.ref = out',
    // The request logger and state change logs are per-request noise at INFO.
    'logger.request.name = kafka.request.logger',
    'logger.request.level = WARN',
    'logger.state.name = state.change.logger',
    'logger.state.level = WARN',
    '',
  ].join('\n');
}

/** JVM flags for a small, quick-starting broker; `REAL_KAFKA_JVM_OPTS` replaces them. */
export function jvmOptions(): string[] {
  const override = process.env.REAL_KAFKA_JVM_OPTS;
  if (override !== undefined && override.trim() !== '') return override.trim().split(/\s+/);
  return [
    '-Xms256m',
    '-Xmx768m',
    // Serial GC: no GC worker threads competing for two cores.
    '-XX:+UseSerialGC',
    '-XX:+ExitOnOutOfMemoryError',
    '-Djava.awt.headless=true',
  ];
}
