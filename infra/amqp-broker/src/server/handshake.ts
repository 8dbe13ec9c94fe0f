import { readTable, type FieldTable, type FieldValue } from '../codec/field-table.codec.js';
import type { Method, MethodArgs } from '../codec/method-definitions.js';
import { AmqpError, ReplyCode } from '../model/amqp-error.js';
import type { Connection } from './connection.js';

const SERVER_FRAME_MAX = 131072;
const SERVER_HEARTBEAT = 60;
const CHANNEL_MAX = 2047;

const capabilities = [
  'publisher_confirms',
  'exchange_exchange_bindings',
  'basic.nack',
  'consumer_cancel_notify',
  'connection.blocked',
  'authentication_failure_close',
  'per_consumer_qos',
  'direct_reply_to',
];

const text = (value: string): FieldValue => ({ tag: 'S', value });

const serverProperties: FieldTable = new Map<string, FieldValue>([
  ['product', text('shop-amqp-broker')],
  ['version', text('0.0.0')],
  ['platform', text(`Node.js ${process.version}`)],
  ['information', text('Embedded AMQP 0-9-1 stand-in for RabbitMQ (development and tests only)')],
  [
    'capabilities',
    { tag: 'F', value: new Map(capabilities.map((c) => [c, { tag: 't', value: true }])) },
  ],
]);

type Stage = 'header' | 'start-sent' | 'tune-sent' | 'tuned' | 'open';

/** start → start-ok → tune → tune-ok → open → open-ok, with guest/guest on vhost '/'. */
export class Handshake {
  private stage: Stage = 'header';
  clientProperties: FieldTable = new Map();

  constructor(private readonly connection: Connection) {}

  get isOpen(): boolean {
    return this.stage === 'open';
  }

  get isTuned(): boolean {
    return this.stage === 'tuned' || this.stage === 'open';
  }

  begin(): void {
    this.stage = 'start-sent';
    this.connection.send(0, 'ConnectionStart', {
      versionMajor: 0,
      versionMinor: 9,
      serverProperties,
      mechanisms: Buffer.from('PLAIN AMQPLAIN'),
      locales: Buffer.from('en_US'),
    });
  }

  handle(method: Method): void {
    if (method.name === 'ConnectionStartOk' && this.stage === 'start-sent')
      this.startOk(method.args);
    else if (method.name === 'ConnectionTuneOk' && this.stage === 'tune-sent')
      this.tuneOk(method.args);
    else if (method.name === 'ConnectionOpen' && this.stage === 'tuned') this.open(method.args);
    else if (method.name !== 'ConnectionBlocked' && method.name !== 'ConnectionUnblocked')
      this.connection.fail(
        new AmqpError(ReplyCode.commandInvalid, `unexpected method ${method.name}`),
      );
  }

  private startOk(args: MethodArgs<'ConnectionStartOk'>): void {
    this.clientProperties = args.clientProperties;
    if (!isGuest(args.mechanism, args.response)) {
      const refused = new AmqpError(
        ReplyCode.accessRefused,
        `Login was refused using authentication mechanism ${args.mechanism}. For details see the broker logfile.`,
        'connection',
      );
      this.connection.fail(refused);
      return;
    }
    this.stage = 'tune-sent';
    this.connection.send(0, 'ConnectionTune', {
      channelMax: CHANNEL_MAX,
      frameMax: SERVER_FRAME_MAX,
      heartbeat: SERVER_HEARTBEAT,
    });
  }

  private tuneOk(args: MethodArgs<'ConnectionTuneOk'>): void {
    this.stage = 'tuned';
    const frameMax =
      args.frameMax === 0 ? SERVER_FRAME_MAX : Math.min(args.frameMax, SERVER_FRAME_MAX);
    this.connection.setTuning(frameMax, args.heartbeat);
  }

  private open(args: MethodArgs<'ConnectionOpen'>): void {
    if (args.virtualHost !== '/') {
      const refused = new AmqpError(ReplyCode.notAllowed, `vhost ${args.virtualHost} not found`);
      this.connection.fail(refused, 10, 40);
      return;
    }
    this.stage = 'open';
    this.connection.opened();
    this.connection.send(0, 'ConnectionOpenOk', { knownHosts: '' });
  }
}

function isGuest(mechanism: string, response: Buffer): boolean {
  if (mechanism === 'PLAIN') {
    const [, user, password] = response.toString('utf8').split('\0');
    return user === 'guest' && password === 'guest';
  }
  if (mechanism === 'AMQPLAIN') {
    // An AMQPLAIN response is a field table without its length prefix.
    const prefix = Buffer.alloc(4);
    prefix.writeUInt32BE(response.length);
    const table = readTable({ buffer: Buffer.concat([prefix, response]), offset: 0 });
    const login = table.get('LOGIN');
    const password = table.get('PASSWORD');
    return (
      login?.tag === 'S' &&
      login.value === 'guest' &&
      password?.tag === 'S' &&
      password.value === 'guest'
    );
  }
  return false;
}
