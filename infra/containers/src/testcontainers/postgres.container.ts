import type { EngineSpec, HostPort } from './engine-container.js';
import { postgresServes } from './serving.probes.js';

const PASSWORD = 'shop';

/** The official postgres image: the superuser `postgres` with POSTGRES_PASSWORD; the URL is an admin URL. */
export function postgresContainer(image: string, at: HostPort): EngineSpec {
  const address = `postgres://postgres:${PASSWORD}@${at.host}:${at.port}/postgres`;
  return {
    name: 'postgres',
    image,
    at,
    containerPort: 5432,
    environment: { POSTGRES_PASSWORD: PASSWORD },
    address,
    probe: postgresServes(address),
  };
}
