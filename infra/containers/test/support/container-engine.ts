import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { getContainerRuntimeClient, ImageName } from 'testcontainers';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '../../../..');
const projectSocket = join(repoRoot, '.cache/containers/podman.sock');

// Without DOCKER_HOST, use the podman service of infra/containers/scripts/podman-service.sh
// when it runs, with the settings testcontainers needs under podman (ADR 0022).
function useProjectPodmanService(): void {
  if (process.env.DOCKER_HOST !== undefined || !existsSync(projectSocket)) return;
  process.env.DOCKER_HOST = `unix://${projectSocket}`;
  process.env.TESTCONTAINERS_RYUK_DISABLED ??= 'true';
  process.env.TESTCONTAINERS_HOST_OVERRIDE ??= '127.0.0.1';
}

async function unavailableReason(image: string): Promise<string | undefined> {
  useProjectPodmanService();
  try {
    const client = await getContainerRuntimeClient();
    if (!(await client.image.exists(ImageName.fromString(image)))) {
      return `image ${image} is not built (bash infra/containers/scripts/build-stand-ins.sh)`;
    }
    return undefined;
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return `no container engine (${detail}); start one with: bash infra/containers/scripts/podman-service.sh start`;
  }
}

/**
 * Whether a suite of stand-in `image` can run: undefined when it can; otherwise
 * the reason, printed as `SKIPPED (reason)` — or thrown when
 * REQUIRE_CONTAINERS=1, so a CI stage meant to run containers never passes by
 * skipping them.
 */
export async function skipReasonFor(suite: string, image: string): Promise<string | undefined> {
  const reason = await unavailableReason(image);
  if (reason === undefined) return undefined;
  if (process.env.REQUIRE_CONTAINERS === '1') {
    throw new Error(`REQUIRE_CONTAINERS=1 but the ${suite} suite cannot run: ${reason}`);
  }
  console.warn(`[containers] ${suite}: SKIPPED (${reason})`);
  return reason;
}

/** A stand-in's stand-in-specific start-up budget: JVMs on a busy 2-core machine. */
export const STARTUP_TIMEOUT_MS = 240_000;
