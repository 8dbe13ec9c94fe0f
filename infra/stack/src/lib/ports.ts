import { createServer } from 'node:net';

/** Thrown before anything starts when a configured port is taken, naming the port and who wanted it. */
export class PortInUseError extends Error {
  constructor(
    readonly port: number,
    readonly owner: string,
    readonly variable: string,
  ) {
    super(
      `port ${port} (${owner}) is already in use by another process. ` +
        `Stop that process or choose another port with ${variable}=<port>.`,
    );
    this.name = 'PortInUseError';
  }
}

export function isPortFree(port: number, host = '0.0.0.0'): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => {
      resolve(false);
    });
    server.listen({ port, host, exclusive: true }, () => {
      server.close(() => {
        resolve(true);
      });
    });
  });
}
