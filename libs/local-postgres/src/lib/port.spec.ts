import { readFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { findFreePort } from './port.js';

describe('findFreePort', () => {
  it('hands out listenable ports below the kernel’s ephemeral range, never the same one twice', async () => {
    const range = await readFile('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').catch(
      () => undefined,
    );
    if (range === undefined) {
      console.info('SKIPPED the range check: /proc/sys/net/ipv4/ip_local_port_range is unreadable');
    }
    const ephemeralStart = range === undefined ? Infinity : Number(range.trim().split(/\s+/)[0]);
    const ports: number[] = [];
    for (let i = 0; i < 50; i++) ports.push(await findFreePort());
    expect(new Set(ports).size).toBe(ports.length);
    for (const port of ports) expect(port).toBeLessThan(ephemeralStart);
    // Each is free to listen on.
    const server = createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(ports[0], '127.0.0.1', resolve);
    });
    await new Promise((resolve) => server.close(resolve));
  });
});
