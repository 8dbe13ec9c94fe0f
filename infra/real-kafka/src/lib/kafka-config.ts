/** What a single-node KRaft broker is told, sized for a 2-core development machine. */
export interface KafkaNodeSettings {
  readonly host: string;
  readonly port: number;
  readonly controllerPort: number;
  readonly dataDir: string;
  /** SASL/PLAIN on the client listener (see {@link SaslPlainListener}). */
  readonly sasl?: SaslPlainListener;
  /**
   * ACL authorization (KRaft's StandardAuthorizer) with these `super.users`
   * (e.g. `['User:admin']`); every other principal may do only what ACLs allow.
   * Needs `sasl` without a port: the client listener must authenticate.
   */
  readonly superUsers?: readonly string[];
  /** Extra or overriding `server.properties` entries (e.g. `message.max.bytes`). */
  readonly properties?: Readonly<Record<string, string | number | boolean>>;
}

/**
 * SASL/PLAIN users (name → password) of a `SASL_PLAINTEXT` listener. With
 * `port`, it is a second client listener next to the PLAINTEXT one on `port`
 * of the node (tests compare both); without, the client listener itself
 * requires SASL and the broker reaches itself as the first user.
 */
export interface SaslPlainListener {
  readonly users: Readonly<Record<string, string>>;
  readonly port?: number;
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
    ...(settings.sasl ? saslProperties(settings.sasl, host, port, controllerPort) : {}),
    ...(settings.superUsers ? authorizerProperties(settings) : {}),
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
 * Log4j 2 configuration (properties format) to stdout, where the owner of the
 * process keeps it (a log file, a test's tail): warnings and errors, and the
 * server's own start and stop lines. Kafka at INFO writes ~2,400 lines while
 * it starts.
 */
export function log4jProperties(target: 'SYSTEM_OUT' | 'SYSTEM_ERR' = 'SYSTEM_OUT'): string {
  return [
    'status = error',
    'appender.out.type = Console',
    'appender.out.name = out',
    `appender.out.target = ${target}`,
    'appender.out.layout.type = PatternLayout',
    'appender.out.layout.pattern = [%d] %p %m (%c)%n',
    'rootLogger.level = WARN',
    'rootLogger.appenderRef.out.ref = out',
    'logger.server.name = kafka.server.KafkaRaftServer',
    'logger.server.level = INFO',
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

/**
 * The JAAS line of a SASL/PLAIN listener (`listener.name.<name>.plain.sasl.jaas.config`):
 * its users as `user_<name>="<password>"`, and the first of them as the
 * login the broker uses when it reaches itself.
 */
export function plainJaasConfig(users: Readonly<Record<string, string>>): string {
  const entries = Object.entries(users);
  const [first] = entries;
  if (first === undefined) throw new Error('SASL_PLAINTEXT needs at least one user');
  for (const [name, password] of entries)
    if (!/^[\w-]+$/.test(name) || /["\\\n]/.test(password))
      throw new Error(`SASL user '${name}': names are [A-Za-z0-9_-], passwords without " or \\`);
  const lines = entries.map(([name, password]) => `user_${name}="${password}"`).join(' ');
  return `org.apache.kafka.common.security.plain.PlainLoginModule required username="${first[0]}" password="${first[1]}" ${lines};`;
}

// A SASL_PLAINTEXT listener whose users live in its JAAS line (`user_<name>="<password>"`).
function saslProperties(
  sasl: SaslPlainListener,
  host: string,
  port: number,
  controllerPort: number,
): Record<string, string> {
  const jaas = plainJaasConfig(sasl.users);
  const common = {
    'sasl.enabled.mechanisms': 'PLAIN',
    'listener.name.sasl_plaintext.plain.sasl.jaas.config': jaas,
  };
  if (sasl.port !== undefined)
    return {
      ...common,
      listeners: `PLAINTEXT://${host}:${port},SASL_PLAINTEXT://${host}:${sasl.port},CONTROLLER://${host}:${controllerPort}`,
      'advertised.listeners': `PLAINTEXT://${host}:${port},SASL_PLAINTEXT://${host}:${sasl.port}`,
      'listener.security.protocol.map':
        'PLAINTEXT:PLAINTEXT,SASL_PLAINTEXT:SASL_PLAINTEXT,CONTROLLER:PLAINTEXT',
    };
  return {
    ...common,
    listeners: `SASL_PLAINTEXT://${host}:${port},CONTROLLER://${host}:${controllerPort}`,
    'advertised.listeners': `SASL_PLAINTEXT://${host}:${port}`,
    'inter.broker.listener.name': 'SASL_PLAINTEXT',
    'sasl.mechanism.inter.broker.protocol': 'PLAIN',
    'listener.security.protocol.map': 'SASL_PLAINTEXT:SASL_PLAINTEXT,CONTROLLER:PLAINTEXT',
  };
}

// StandardAuthorizer (ACLs kept in the metadata log). The broker reaches itself
// as the listener's first user and the controller as ANONYMOUS (its listener is
// PLAINTEXT, bound to the node's host): both must be super users, as Kafka's
// documentation says of the inter-broker and controller principals.
function authorizerProperties(settings: KafkaNodeSettings): Record<string, string> {
  const first = settings.sasl === undefined ? undefined : Object.keys(settings.sasl.users)[0];
  if (first === undefined || settings.sasl?.port !== undefined)
    throw new Error('ACLs need a client listener that requires SASL (sasl without a port)');
  const superUsers = new Set([...(settings.superUsers ?? []), `User:${first}`, 'User:ANONYMOUS']);
  return {
    'authorizer.class.name': 'org.apache.kafka.metadata.authorizer.StandardAuthorizer',
    'super.users': [...superUsers].join(';'),
  };
}
