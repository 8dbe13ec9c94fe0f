import { randomBytes } from 'node:crypto';
import amqp, { type Channel, type ChannelModel, type ConfirmChannel, type Options } from 'amqplib';

/** What a scenario gets: a broker URL, a private name space and tracked connections. */
export class ScenarioContext {
  readonly ns = `t${randomBytes(4).toString('hex')}`;
  private readonly connections: ChannelModel[] = [];

  constructor(readonly url: string) {}

  /** A resource name private to this run; normalised to `NS.<suffix>` in results. */
  name(suffix: string): string {
    return `${this.ns}.${suffix}`;
  }

  async connect(options: Options.Connect = {}): Promise<ChannelModel> {
    const url = new URL(this.url);
    const connection = await amqp.connect({
      protocol: 'amqp',
      hostname: url.hostname,
      port: Number(url.port),
      username: 'guest',
      password: 'guest',
      ...options,
    });
    connection.on('error', () => undefined);
    this.connections.push(connection);
    return connection;
  }

  async channel(connection?: ChannelModel): Promise<Channel> {
    const channel = await (connection ?? (await this.connect())).createChannel();
    channel.on('error', () => undefined);
    return channel;
  }

  async confirmChannel(connection?: ChannelModel): Promise<ConfirmChannel> {
    const channel = await (connection ?? (await this.connect())).createConfirmChannel();
    channel.on('error', () => undefined);
    return channel;
  }

  async close(): Promise<void> {
    // A connection whose socket a scenario killed never answers close: do not wait for it.
    await Promise.all(
      this.connections.map((c) => Promise.race([c.close().catch(() => undefined), sleep(1000)])),
    );
  }
}

export interface Scenario {
  readonly name: string;
  /** Runs against one broker and returns what an application could observe. */
  run(ctx: ScenarioContext): Promise<unknown>;
}

export interface ProtocolFailure {
  readonly code: number;
  readonly classId: number;
  readonly methodId: number;
}

/** The close code and offending method of a failed operation, or 'ok'. */
export async function outcome(operation: Promise<unknown>): Promise<ProtocolFailure | 'ok'> {
  try {
    await operation;
    return 'ok';
  } catch (error) {
    const { code, classId, methodId } = error as Partial<ProtocolFailure>;
    return { code: code ?? -1, classId: classId ?? -1, methodId: methodId ?? -1 };
  }
}

export const sleep = (ms: number): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, ms));
