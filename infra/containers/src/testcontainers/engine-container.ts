import type { Readable } from 'node:stream';
import {
  GenericContainer,
  ImageName,
  type ContainerRuntimeClient,
  type StartedTestContainer,
} from 'testcontainers';
import type { ServingProbe } from './serving.probes.js';
import { ServingWaitStrategy } from './serving.wait-strategy.js';

/** Where a container's one client port is published on this machine. */
export interface HostPort {
  readonly host: string;
  readonly port: number;
}

/** One engine, configured through its official image's environment contract. */
export interface EngineSpec {
  readonly name: 'postgres' | 'kafka' | 'amqp';
  readonly image: string;
  /** The host port it is published on, chosen free beforehand. */
  readonly at: HostPort;
  readonly containerPort: number;
  /** Further ports published on host ports chosen free beforehand (RabbitMQ's management API). */
  readonly alsoPublished?: readonly { readonly containerPort: number; readonly at: HostPort }[];
  readonly environment: Readonly<Record<string, string>>;
  /** What a client is given: a URL or `host:port`. */
  readonly address: string;
  readonly probe: ServingProbe;
}

/**
 * Creates and starts the container, published on a host port chosen free
 * beforehand (a stopped and started container keeps it; Docker gives random
 * ports anew at each start, and Kafka must advertise its port before it runs),
 * on loopback when the engine is local.
 */
export async function startEngineContainer(
  client: ContainerRuntimeClient,
  spec: EngineSpec,
  options: {
    readonly name: string;
    readonly labels: Record<string, string>;
    readonly timeoutMs: number;
  },
): Promise<StartedTestContainer> {
  const tail: string[] = [];
  try {
    const container = new LoopbackContainer(spec.image)
      .withName(options.name)
      .withOtherPortsPublished(await imageExposedPorts(client, spec.image), spec.at.host)
      .withHostname(spec.name)
      .withLabels(options.labels)
      .withEnvironment({ ...spec.environment })
      .withPublishedPort(spec.containerPort, spec.at);
    for (const { containerPort, at } of spec.alsoPublished ?? [])
      container.withPublishedPort(containerPort, at);
    return await container
      .withLogConsumer((stream) => {
        keepTail(stream, tail);
      })
      .withWaitStrategy(new ServingWaitStrategy(spec.probe, options.timeoutMs))
      .withStartupTimeout(options.timeoutMs)
      .start();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(
      `${spec.name} (${spec.image}) did not start: ${reason}\n  its last output:\n${tail.join('\n')}`,
      { cause: error },
    );
  }
}

// The container is gone once its start failed; its last lines say why.
function keepTail(stream: Readable, tail: string[]): void {
  stream.on('data', (chunk: Buffer | string) => {
    tail.push(...String(chunk).trimEnd().split('\n'));
    tail.splice(0, Math.max(0, tail.length - 20));
  });
}

// podman's Docker API lists every port the image exposes in the container's
// PortBindings, unbound, and testcontainers waits until each one is bound.
async function imageExposedPorts(client: ContainerRuntimeClient, image: string) {
  const name = ImageName.fromString(image);
  if (!(await client.image.exists(name))) await client.image.pull(name);
  // Typed as always present; podman answers null for an image that exposes none.
  const { ExposedPorts } = (await client.image.inspect(name)).Config as {
    ExposedPorts?: Record<string, unknown> | null;
  };
  return Object.keys(ExposedPorts ?? {});
}

class LoopbackContainer extends GenericContainer {
  /** Every port the image exposes on an any free port (on loopback when local); `withPublishedPort` then fixes one. */
  withOtherPortsPublished(exposed: readonly string[], host: string): this {
    const hostIp = isLoopback(host) ? '127.0.0.1' : '';
    this.hostConfig.PortBindings = Object.fromEntries(
      exposed.map((port) => [port, [{ HostIp: hostIp, HostPort: '0' }]]),
    );
    return this;
  }

  withPublishedPort(containerPort: number, at: HostPort): this {
    this.withExposedPorts({ container: containerPort, host: at.port });
    this.hostConfig.PortBindings = {
      ...(this.hostConfig.PortBindings as Record<string, unknown>),
      [`${containerPort}/tcp`]: [
        { HostIp: isLoopback(at.host) ? '127.0.0.1' : '', HostPort: String(at.port) },
      ],
    };
    return this;
  }
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '127.0.0.1' || host === '::1';
}
