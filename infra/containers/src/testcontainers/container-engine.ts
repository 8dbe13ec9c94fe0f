import { existsSync } from 'node:fs';
import { getContainerRuntimeClient, type ContainerRuntimeClient } from 'testcontainers';

/** No Docker-compatible engine answered: says what is missing and how to provide it. */
export class ContainerEngineUnavailableError extends Error {
  constructor(detail: string) {
    super(
      `no container engine for testcontainers: ${detail}. Start Docker, or a podman socket ` +
        '(podman system service --time=0 unix://<dir>/podman.sock) and set DOCKER_HOST=unix://<dir>/podman.sock ' +
        '(see e2e/README.md).',
    );
    this.name = 'ContainerEngineUnavailableError';
  }
}

/** The engine testcontainers finds (DOCKER_HOST, ~/.testcontainers.properties, the default socket), or a clear error. */
export async function connectContainerEngine(): Promise<ContainerRuntimeClient> {
  const dockerHost = process.env.DOCKER_HOST;
  if (dockerHost?.startsWith('unix://') && !existsSync(dockerHost.slice('unix://'.length)))
    throw new ContainerEngineUnavailableError(
      `DOCKER_HOST=${dockerHost}, but that socket does not exist`,
    );
  try {
    return await getContainerRuntimeClient();
  } catch (error) {
    const where = dockerHost
      ? `DOCKER_HOST=${dockerHost}`
      : 'DOCKER_HOST is not set and no default socket answered';
    throw new ContainerEngineUnavailableError(
      `${where} (${error instanceof Error ? error.message : String(error)})`,
    );
  }
}
