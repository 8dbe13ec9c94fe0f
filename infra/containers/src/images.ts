/**
 * Every image the project runs that it does not build from its own code,
 * pinned by tag. docker-compose.yml and the testcontainers engine of the
 * end-to-end suite use exactly these (a static check compares the compose
 * file with this list), so a version changes in one place.
 */
export const OFFICIAL_IMAGES = {
  node: 'node:24.21.0-bookworm-slim',
  postgres: 'postgres:18.4',
  kafka: 'apache/kafka:4.4.0',
  rabbitmq: 'rabbitmq:4.1.4-management',
  otelCollector: 'otel/opentelemetry-collector-contrib:0.140.0',
  jaeger: 'jaegertracing/jaeger:2.11.0',
  prometheus: 'prom/prometheus:v3.7.3',
  grafana: 'grafana/grafana:12.2.1',
} as const;

export type ImageName = keyof typeof OFFICIAL_IMAGES;

/**
 * Local stand-ins for the official images, built offline on a machine with no
 * registry (tools in this package): the same ports, environment variables and
 * volumes, from Debian's packages and Maven Central's Kafka. `null`: no
 * stand-in can be built here; validated statically instead.
 */
export const STAND_IN_IMAGES: Readonly<Record<ImageName, string | null>> = {
  node: 'localhost/course-shop/node:24.21.0-bookworm-slim',
  postgres: 'localhost/course-shop/postgres:18.4',
  kafka: 'localhost/course-shop/kafka:4.4.0',
  rabbitmq: 'localhost/course-shop/rabbitmq:management',
  otelCollector: 'localhost/course-shop/otel-collector:stand-in',
  jaeger: null,
  prometheus: null,
  grafana: null,
};
