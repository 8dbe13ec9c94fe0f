import { GenericContainer, type StartedTestContainer } from 'testcontainers';
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
  spec: EngineSpec,
  options: { readonly labels: Record<string, string>; readonly timeoutMs: number },
): Promise<StartedTestContainer> {
  return new LoopbackContainer(spec.image)
    .withHostname(spec.name)
    .withLabels(options.labels)
    .withEnvironment({ ...spec.environment })
    .withPublishedPort(spec.containerPort, spec.at)
    .withWaitStrategy(new ServingWaitStrategy(spec.probe, options.timeoutMs))
    .withStartupTimeout(options.timeoutMs)
    .start();
}

class LoopbackContainer extends GenericContainer {
  withPublishedPort(containerPort: number, at: HostPort): this {
    this.withExposedPorts({ container: containerPort, host: at.port });
    if (isLoopback(at.host))
      this.hostConfig.PortBindings = {
        ...(this.hostConfig.PortBindings as Record<string, unknown>),
        [`${containerPort}/tcp`]: [{ HostIp: '127.0.0.1', HostPort: String(at.port) }],
      };
    return this;
  }
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '127.0.0.1' || host === '::1';
}
