import { readFile } from 'node:fs/promises';
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

/**
 * A free port, for a server that will listen on it later (a stack chooses all
 * its ports first, then starts its processes).
 *
 * Chosen below the kernel's ephemeral range (Linux:
 * `net.ipv4.ip_local_port_range`, 32768–60999 by default): a port from that
 * range — what `listen(0)` hands out — can be taken, between choosing it and
 * binding it, by the local end of any outgoing connection, and on a busy
 * machine one was (`EADDRINUSE` at an app's start). Below the range only
 * another listener can take it. Never the same port twice in one process.
 * Where the range cannot be read, falls back to a port the system hands out.
 */
export async function findFreePort(host = '127.0.0.1'): Promise<number> {
  const ephemeralStart = await ephemeralRangeStart();
  const low = 20_000;
  if (ephemeralStart !== undefined && ephemeralStart - low >= 1_000) {
    for (let attempt = 0; attempt < 100; attempt++) {
      const port = low + Math.floor(Math.random() * (ephemeralStart - low));
      if (handedOut.has(port)) continue;
      if (await canListen(host, port)) {
        handedOut.add(port);
        return port;
      }
    }
  }
  return systemAssignedPort(host);
}

const handedOut = new Set<number>();

async function ephemeralRangeStart(): Promise<number | undefined> {
  try {
    const range = await readFile('/proc/sys/net/ipv4/ip_local_port_range', 'utf8');
    const start = Number(range.trim().split(/\s+/)[0]);
    return Number.isInteger(start) ? start : undefined;
  } catch {
    return undefined;
  }
}

function systemAssignedPort(host: string): Promise<number> {
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
