import { createServer } from 'node:net';
import { LocalPostgresError } from './local-postgres.error.js';

/** Fails with the port named when something already listens on host:port. */
export async function assertPortFree(host: string, port: number): Promise<void> {
  const free = await canListen(host, port);
  if (!free) {
    throw new LocalPostgresError(
      `port ${port} on ${host} is already in use; stop whatever listens there or choose another port`,
    );
  }
}

/** A port the operating system just handed out, for tests that need a fresh one. */
export async function findFreePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, host, () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => {
        resolve(port);
      });
    });
  });
}

function canListen(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => {
      resolve(false);
    });
    server.listen(port, host, () => {
      server.close(() => {
        resolve(true);
      });
    });
  });
}
