import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findFreePort } from '@shop/local-postgres';
import { isPortFree, PortInUseError } from './ports.js';

describe('ports', () => {
  let taken: Server;
  let takenPort: number;
  beforeAll(async () => {
    takenPort = await findFreePort();
    taken = createServer();
    await new Promise<void>((resolve) => taken.listen(takenPort, '127.0.0.1', resolve));
  });
  afterAll(
    () =>
      new Promise<void>((resolve) =>
        taken.close(() => {
          resolve();
        }),
      ),
  );

  it('sees a port taken by another listener, even one bound to loopback only', async () => {
    expect(await isPortFree(takenPort)).toBe(false);
    expect(await isPortFree(await findFreePort())).toBe(true);
  });

  it('names the port, its owner and the variable to change in the error', () => {
    expect(new PortInUseError(5433, 'postgres', 'POSTGRES_PORT').message).toBe(
      'port 5433 (postgres) is already in use by another process. Stop that process or choose another port with POSTGRES_PORT=<port>.',
    );
  });
});
