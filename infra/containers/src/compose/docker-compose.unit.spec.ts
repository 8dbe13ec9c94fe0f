import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { OFFICIAL_IMAGES } from '../images.js';
import { appConfigVariables, isProcessWideVariable } from './app-configuration.js';
import { composeVariables, readComposeFile, repoRoot } from './compose-file.js';
import { composeSchemaValidator } from './compose-schema.js';
import { readDockerfile } from './dockerfile-targets.js';

const APPS = ['checkout', 'payment', 'enrollment', 'notification', 'analytics', 'bff'] as const;
// The browser app's server (apps/web): the same runtime image, its own config, no tracing preload.
const WEB = 'web';
// What a person opens: the edge (REST, GraphQL) and the UIs. Nothing else is published.
const PUBLISHED = {
  checkout: [3000],
  bff: [4000],
  web: [5173],
  rabbitmq: [15672],
  jaeger: [16686],
  grafana: [3000],
};
// Started only by `docker compose --profile observability up` (docs/metrics.md).
const OBSERVABILITY = ['prometheus', 'grafana'];
// The collector's image has no shell or HTTP client, so no healthcheck can run in
// it; migrate is a one-shot that others wait to complete.
const WITHOUT_HEALTHCHECK = new Set(['otel-collector', 'migrate', 'kafka-setup']);
// Tracing is best-effort: nothing waits for it to be healthy (exporters retry).
const BEST_EFFORT = new Set(['otel-collector', 'jaeger']);
// Run to completion before the services start: the databases, Kafka's topics and ACLs.
const ONE_SHOTS = new Set(['migrate', 'kafka-setup']);
// The apps that reach each broker, each as its own user.
const KAFKA_APPS = ['checkout', 'enrollment', 'notification', 'analytics'] as const;
const AMQP_APPS = ['checkout', 'enrollment'] as const;

const composeText = readFileSync(join(repoRoot, 'docker-compose.yml'), 'utf8');
const compose = readComposeFile();
const services = Object.entries(compose.services);
const dockerfile = readDockerfile();

/** A service's environment (the mapping form docker-compose.yml uses). */
function environmentOf(name: string): Record<string, string | undefined> {
  return (compose.services[name]?.environment ?? {}) as Record<string, string | undefined>;
}

/** `[host_ip:][published:]target` of a short-syntax port. */
function portParts(entry: string | number) {
  const parts = String(entry).split(':');
  return { hostIp: parts.length === 3 ? parts[0] : undefined, target: Number(parts.at(-1)) };
}

describe('docker-compose.yml', () => {
  it('is valid against the compose-spec schema', () => {
    const validate = composeSchemaValidator();
    const valid = validate(compose);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('runs every third-party engine from an official image pinned by tag, the tags of OFFICIAL_IMAGES', () => {
    const pinned = new Set<string>(Object.values(OFFICIAL_IMAGES));
    const thirdParty = services.filter(([, service]) => service.build === undefined);
    for (const [name, service] of thirdParty) {
      expect(service.image, name).toMatch(/^[\w./-]+:[\w.-]+$/);
      expect(service.image, name).not.toMatch(/:latest$/);
      expect(pinned.has(service.image!), `${name}: ${service.image}`).toBe(true);
    }
    const used = new Set(thirdParty.map(([, service]) => service.image));
    const unused = Object.entries(OFFICIAL_IMAGES).filter(
      ([key, image]) => key !== 'node' && !used.has(image),
    );
    expect(unused).toEqual([]);
  });

  it('builds each service and the migrate one-shot from a Dockerfile target of the same name, on the pinned Node image', () => {
    const targets = new Set(dockerfile.stages.map((stage) => stage.name));
    expect(dockerfile.nodeImage).toBe(OFFICIAL_IMAGES.node);
    const built = services.filter(([, service]) => service.build !== undefined);
    expect(built.map(([name]) => name).sort()).toEqual(
      [...APPS, WEB, 'migrate', 'kafka-setup'].sort(),
    );
    for (const [name, service] of built) {
      expect(service.build?.target, name).toBe(name);
      expect(targets.has(name), name).toBe(true);
      expect(service.build?.args?.NODE_IMAGE, name).toBe(OFFICIAL_IMAGES.node);
      expect(service.image, name).toBe(`course-shop/${name}:dev`);
    }
  });

  it('runs each service as Node itself (PID 1, SIGTERM), non-root, with a readiness healthcheck and OCI labels', () => {
    const runtime = dockerfile.stages.find((stage) => stage.name === 'runtime');
    const instructions = runtime?.instructions ?? [];
    const has = (prefix: string) => instructions.some((i) => i.startsWith(prefix));
    expect(has('USER node')).toBe(true);
    expect(has('STOPSIGNAL SIGTERM')).toBe(true);
    expect(has('CMD ["node", ')).toBe(true);
    expect(instructions.find((i) => i.startsWith('HEALTHCHECK'))).toContain('/health/ready');
    for (const label of ['version', 'source', 'licenses']) {
      expect(instructions.join('\n')).toContain(`org.opencontainers.image.${label}=`);
    }
    expect(runtime?.env).toMatchObject({ NODE_ENV: 'production', HTTP_HOST: '0.0.0.0' });
    for (const app of APPS) {
      const stage = dockerfile.stages.find((s) => s.name === app);
      expect(stage?.from, app).toBe('runtime');
      expect(stage?.instructions.join('\n'), app).toContain('org.opencontainers.image.title=');
    }
  });

  it.each(APPS)('gives %s only variables its config schema reads, and its port', (app) => {
    const environment = compose.services[app]?.environment ?? {};
    const known = appConfigVariables(app);
    const unknown = Object.keys(environment).filter(
      (name) => !known.has(name) && !isProcessWideVariable(name),
    );
    expect(unknown).toEqual([]);
    const port = Number(environment.HTTP_PORT);
    const stage = dockerfile.stages.find((s) => s.name === app);
    expect(Number(stage?.env.HTTP_PORT), 'the image’s HTTP_PORT').toBe(port);
    expect(stage?.exposes).toContain(port);
    for (const entry of compose.services[app]?.ports ?? []) {
      expect(portParts(entry).target).toBe(port);
    }
  });

  it('gives web only variables its config schema reads, its port, and the bff as its upstream', () => {
    const environment = compose.services[WEB]?.environment ?? {};
    const known = appConfigVariables(WEB);
    expect(Object.keys(environment).filter((name) => !known.has(name))).toEqual([]);
    const stage = dockerfile.stages.find((s) => s.name === WEB);
    expect(stage?.from).toBe('runtime');
    expect(Number(stage?.env.HTTP_PORT)).toBe(Number(environment.HTTP_PORT));
    expect(stage?.exposes).toContain(Number(environment.HTTP_PORT));
    expect(environment.BFF_URL).toBe(
      `http://bff:${String(compose.services.bff?.environment?.HTTP_PORT)}`,
    );
    expect(compose.services[WEB]?.depends_on?.bff?.condition).toBe('service_healthy');
  });

  it('points every service URL at the port that service listens on', () => {
    const httpPort = (service: string) =>
      String(compose.services[service]?.environment?.HTTP_PORT ?? '');
    const urls = services.flatMap(([, service]) =>
      Object.values(service.environment ?? {}).flatMap((value) =>
        [...String(value).matchAll(/(?:\/\/|^)(?<host>[a-z-]+):(?<port>\d+)/g)].map((m) => ({
          host: m.groups?.host ?? '',
          port: m.groups?.port ?? '',
        })),
      ),
    );
    for (const { host, port } of urls) {
      if (!APPS.includes(host as (typeof APPS)[number])) continue;
      const grpcPort = String(compose.services[host]?.environment?.GRPC_PORT ?? '');
      expect([httpPort(host), grpcPort], `${host}:${port}`).toContain(port);
    }
  });

  it('publishes only the edge and the UIs, and only on 127.0.0.1', () => {
    const published = Object.fromEntries(
      services
        .filter(([, service]) => (service.ports ?? []).length > 0)
        .map(([name, service]) => [name, (service.ports ?? []).map((p) => portParts(p).target)]),
    );
    expect(published).toEqual(PUBLISHED);
    for (const [name, service] of services) {
      for (const entry of service.ports ?? []) {
        expect(portParts(entry).hostIp, `${name}: ${String(entry)}`).toBe('127.0.0.1');
      }
    }
  });

  it('checks the health of every long-running service and starts each after what it depends on', () => {
    for (const [name, service] of services) {
      if (!WITHOUT_HEALTHCHECK.has(name)) expect(service.healthcheck?.test, name).toBeDefined();
      for (const [dependency, { condition }] of Object.entries(service.depends_on ?? {})) {
        const expected = ONE_SHOTS.has(dependency)
          ? 'service_completed_successfully'
          : BEST_EFFORT.has(dependency)
            ? 'service_started'
            : 'service_healthy';
        expect(condition, `${name} → ${dependency}`).toBe(expected);
      }
    }
    // Every app with a database starts once its database is migrated (bff has none).
    for (const app of APPS.filter((a) => a !== 'bff')) {
      expect(compose.services[app]?.depends_on?.migrate?.condition, app).toBe(
        'service_completed_successfully',
      );
    }
  });

  it('connects each service to PostgreSQL as its own role, never the superuser; migrate grants the roles', () => {
    for (const app of APPS.filter((a) => a !== 'bff')) {
      const url = new URL(environmentOf(app).DATABASE_URL ?? '');
      expect(url.username, app).toBe(app);
      expect(url.pathname, app).toBe(`/${app}`);
      // ${<APP>_DB_PASSWORD:-…}: the default, a development value of that app alone.
      expect(url.password, app).toBe(`dev-only-${app}-database-password-change-me`);
    }
    expect(compose.services.migrate?.command).toContain('--service-roles');
    expect(environmentOf('migrate').NODE_ENV).toBe('development');
  });

  it('logs each service in to Kafka as its own user, after kafka-setup made the ACLs; the listener requires SASL and authorizes', () => {
    for (const app of KAFKA_APPS) {
      const env = environmentOf(app);
      expect(env.KAFKA_SASL_USERNAME, app).toBe(app);
      expect(env.KAFKA_SASL_PASSWORD, app).toBe(`dev-only-${app}-kafka-password-change-me`);
      expect(compose.services[app]?.depends_on?.['kafka-setup']?.condition, app).toBe(
        'service_completed_successfully',
      );
    }
    const kafka = environmentOf('kafka');
    // The one PLAINTEXT listener is the controller's, not published and not advertised.
    expect(kafka.KAFKA_LISTENER_SECURITY_PROTOCOL_MAP).toBe(
      'CONTROLLER:PLAINTEXT,SASL_PLAINTEXT:SASL_PLAINTEXT',
    );
    expect(kafka.KAFKA_ADVERTISED_LISTENERS).toBe('SASL_PLAINTEXT://kafka:9092');
    expect(kafka.KAFKA_AUTHORIZER_CLASS_NAME).toBe(
      'org.apache.kafka.metadata.authorizer.StandardAuthorizer',
    );
    expect(kafka.KAFKA_SUPER_USERS).toBe('User:admin;User:ANONYMOUS');
    const jaas = kafka.KAFKA_LISTENER_NAME_SASL__PLAINTEXT_PLAIN_SASL_JAAS_CONFIG ?? '';
    for (const user of ['admin', ...KAFKA_APPS]) expect(jaas).toMatch(new RegExp(`user_${user}="`));
    expect(environmentOf('kafka-setup').KAFKA_SASL_USERNAME).toBe('admin');
  });

  it('binds the PLAINTEXT controller listener to the Kafka container’s loopback: no other container reaches it', () => {
    const kafka = environmentOf('kafka');
    const listeners = (kafka.KAFKA_LISTENERS ?? '').split(',');
    expect(listeners).toContain('CONTROLLER://127.0.0.1:9093');
    expect(listeners.filter((l) => l.startsWith('CONTROLLER://'))).toHaveLength(1);
    expect(kafka.KAFKA_CONTROLLER_QUORUM_VOTERS).toBe('1@127.0.0.1:9093');
  });

  it('gives each service that reaches RabbitMQ its own user, loaded from the local stack’s definitions', () => {
    for (const app of AMQP_APPS) {
      const url = new URL(environmentOf(app).AMQP_URL ?? '');
      expect(url.username, app).toBe(app);
    }
    const rabbitmq = compose.services.rabbitmq;
    expect(rabbitmq?.entrypoint).toEqual([
      'bash',
      '/etc/rabbitmq/shop/with-definitions.sh',
      'docker-entrypoint.sh',
    ]);
    expect(rabbitmq?.volumes).toContain('./infra/compose/rabbitmq:/etc/rabbitmq/shop:ro');
    expect(environmentOf('rabbitmq')).not.toHaveProperty('RABBITMQ_DEFAULT_PASS');
  });

  it('documents every variable it reads in .env.example, with the same default', () => {
    const example = readFileSync(join(repoRoot, '.env.example'), 'utf8');
    const documented = new Map(
      [...example.matchAll(/^([A-Z][A-Z0-9_]*)=(.*)$/gm)].map((m) => [m[1]!, m[2]!]),
    );
    for (const [name, fallback] of composeVariables(composeText)) {
      expect(documented.get(name), name).toBe(fallback);
    }
  });

  it('starts Prometheus and Grafana only with --profile observability: the default up is unchanged', () => {
    const profiled = services.filter(([, service]) => service.profiles !== undefined);
    expect(profiled.map(([name, service]) => [name, service.profiles])).toEqual(
      OBSERVABILITY.map((name) => [name, ['observability']]),
    );
    // Nothing the default `up` starts waits for a service it does not start.
    for (const [name, service] of services.filter(([n]) => !OBSERVABILITY.includes(n))) {
      for (const dependency of Object.keys(service.depends_on ?? {})) {
        expect(OBSERVABILITY, `${name} → ${dependency}`).not.toContain(dependency);
      }
    }
    // Prometheus is reached on the compose network only; Grafana's UI on 127.0.0.1.
    expect(compose.services.prometheus?.ports).toBeUndefined();
    expect(compose.services.grafana?.ports).toEqual(['127.0.0.1:3030:3000']);
  });

  it('mounts only files and directories that exist in the repository', () => {
    const binds = services.flatMap(([name, service]) =>
      (service.volumes ?? [])
        .filter((volume) => volume.startsWith('./'))
        .map((volume) => ({ name, source: volume.split(':')[0] ?? '' })),
    );
    expect(binds.map((b) => b.name)).toEqual(expect.arrayContaining(OBSERVABILITY));
    for (const { name, source } of binds) {
      expect(existsSync(join(repoRoot, source)), `${name}: ${source}`).toBe(true);
    }
    expect(compose.services.prometheus?.volumes).toEqual(
      expect.arrayContaining([
        './infra/observability/prometheus/prometheus.yml:/etc/prometheus/prometheus.yml:ro',
        './infra/stack/prometheus/alert-rules.yml:/etc/prometheus/rules/alert-rules.yml:ro',
      ]),
    );
    expect(compose.services.grafana?.volumes).toEqual([
      './infra/observability/grafana/provisioning:/etc/grafana/provisioning:ro',
      './infra/observability/grafana/dashboards:/var/lib/grafana/dashboards:ro',
    ]);
  });

  it('has Prometheus scrape every service on the port it listens on, with the token the services ask for', () => {
    const config = parse(
      readFileSync(join(repoRoot, 'infra/observability/prometheus/prometheus.yml'), 'utf8'),
    ) as {
      scrape_configs: {
        job_name: string;
        authorization: { credentials_file: string };
        static_configs: { targets: string[] }[];
      }[];
    };
    const scraped = Object.fromEntries(
      config.scrape_configs.map((job) => [job.job_name, job.static_configs[0]?.targets]),
    );
    expect(scraped).toEqual(
      Object.fromEntries(
        APPS.map((app) => [app, [`${app}:${String(environmentOf(app).HTTP_PORT)}`]]),
      ),
    );
    // The file the entrypoint writes METRICS_TOKEN to, from the apps' own variable.
    const entrypoint = (compose.services.prometheus?.entrypoint as string[]).join(' ');
    for (const job of config.scrape_configs) {
      expect(entrypoint).toContain(`> ${job.authorization.credentials_file} `);
    }
    expect(entrypoint).toContain('"$METRICS_TOKEN"');
    expect(environmentOf('prometheus').METRICS_TOKEN).toBe(environmentOf('checkout').METRICS_TOKEN);
  });
});
