import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import type { AccessControl } from '../auth/access-control.js';
import { Vhost } from '../model/vhost.js';
import type { Durability } from '../store/durable-store.js';
import type { BrokerContext } from './broker-context.js';
import type { BrokerLimits } from './broker-limits.js';
import { Connection } from './connection.js';
import { ReplyToRegistry } from './reply-to.registry.js';

/** The TCP listener: one Connection per socket, all sharing one vhost. */
export class AmqpServer {
  readonly context: BrokerContext;
  private readonly server: Server;
  private readonly sockets = new Set<Socket>();

  constructor(
    vhost: Vhost,
    limits: BrokerLimits,
    access: AccessControl,
    durability: Durability | undefined,
  ) {
    const replyTo = new ReplyToRegistry();
    this.context = { vhost, replyTo, limits, access, durability, nextConnectionId: 1 };
    this.server = createServer((socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
      new Connection(socket, this.context);
    });
  }

  async listen(port: number, host: string): Promise<AddressInfo> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, host, () => {
        this.server.off('error', reject);
        resolve();
      });
    });
    return this.server.address() as AddressInfo;
  }

  async close(): Promise<void> {
    const closed = new Promise<void>((resolve) =>
      this.server.close(() => {
        resolve();
      }),
    );
    for (const socket of this.sockets) socket.destroy();
    await closed;
  }
}
