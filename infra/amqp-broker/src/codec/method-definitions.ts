// The AMQP 0-9-1 methods this broker reads or writes, with their argument
// lists in wire order. Argument names follow amqplib's spelling; the argument
// types of every method are derived from this one table.
import type { FieldTable } from './field-table.codec.js';

export type ArgType =
  'octet' | 'short' | 'long' | 'longlong' | 'shortstr' | 'longstr' | 'bit' | 'table';

export interface MethodDefinition {
  readonly classId: number;
  readonly methodId: number;
  readonly args: readonly (readonly [string, ArgType])[];
}

interface ArgTypes {
  octet: number;
  short: number;
  long: number;
  longlong: number;
  shortstr: string;
  longstr: Buffer;
  bit: boolean;
  table: FieldTable;
}

const closeArgs = [
  ['replyCode', 'short'],
  ['replyText', 'shortstr'],
  ['classId', 'short'],
  ['methodId', 'short'],
] as const;

export const methods = {
  ConnectionStart: {
    classId: 10,
    methodId: 10,
    args: [
      ['versionMajor', 'octet'],
      ['versionMinor', 'octet'],
      ['serverProperties', 'table'],
      ['mechanisms', 'longstr'],
      ['locales', 'longstr'],
    ],
  },
  ConnectionStartOk: {
    classId: 10,
    methodId: 11,
    args: [
      ['clientProperties', 'table'],
      ['mechanism', 'shortstr'],
      ['response', 'longstr'],
      ['locale', 'shortstr'],
    ],
  },
  ConnectionSecure: { classId: 10, methodId: 20, args: [['challenge', 'longstr']] },
  ConnectionSecureOk: { classId: 10, methodId: 21, args: [['response', 'longstr']] },
  ConnectionTune: {
    classId: 10,
    methodId: 30,
    args: [
      ['channelMax', 'short'],
      ['frameMax', 'long'],
      ['heartbeat', 'short'],
    ],
  },
  ConnectionTuneOk: {
    classId: 10,
    methodId: 31,
    args: [
      ['channelMax', 'short'],
      ['frameMax', 'long'],
      ['heartbeat', 'short'],
    ],
  },
  ConnectionOpen: {
    classId: 10,
    methodId: 40,
    args: [
      ['virtualHost', 'shortstr'],
      ['capabilities', 'shortstr'],
      ['insist', 'bit'],
    ],
  },
  ConnectionOpenOk: { classId: 10, methodId: 41, args: [['knownHosts', 'shortstr']] },
  ConnectionClose: { classId: 10, methodId: 50, args: closeArgs },
  ConnectionCloseOk: { classId: 10, methodId: 51, args: [] },
  ConnectionBlocked: { classId: 10, methodId: 60, args: [['reason', 'shortstr']] },
  ConnectionUnblocked: { classId: 10, methodId: 61, args: [] },
  ChannelOpen: { classId: 20, methodId: 10, args: [['outOfBand', 'shortstr']] },
  ChannelOpenOk: { classId: 20, methodId: 11, args: [['channelId', 'longstr']] },
  ChannelFlow: { classId: 20, methodId: 20, args: [['active', 'bit']] },
  ChannelFlowOk: { classId: 20, methodId: 21, args: [['active', 'bit']] },
  ChannelClose: { classId: 20, methodId: 40, args: closeArgs },
  ChannelCloseOk: { classId: 20, methodId: 41, args: [] },
  ExchangeDeclare: {
    classId: 40,
    methodId: 10,
    args: [
      ['ticket', 'short'],
      ['exchange', 'shortstr'],
      ['type', 'shortstr'],
      ['passive', 'bit'],
      ['durable', 'bit'],
      ['autoDelete', 'bit'],
      ['internal', 'bit'],
      ['nowait', 'bit'],
      ['arguments', 'table'],
    ],
  },
  ExchangeDeclareOk: { classId: 40, methodId: 11, args: [] },
  ExchangeDelete: {
    classId: 40,
    methodId: 20,
    args: [
      ['ticket', 'short'],
      ['exchange', 'shortstr'],
      ['ifUnused', 'bit'],
      ['nowait', 'bit'],
    ],
  },
  ExchangeDeleteOk: { classId: 40, methodId: 21, args: [] },
  ExchangeBind: {
    classId: 40,
    methodId: 30,
    args: [
      ['ticket', 'short'],
      ['destination', 'shortstr'],
      ['source', 'shortstr'],
      ['routingKey', 'shortstr'],
      ['nowait', 'bit'],
      ['arguments', 'table'],
    ],
  },
  ExchangeBindOk: { classId: 40, methodId: 31, args: [] },
  ExchangeUnbind: {
    classId: 40,
    methodId: 40,
    args: [
      ['ticket', 'short'],
      ['destination', 'shortstr'],
      ['source', 'shortstr'],
      ['routingKey', 'shortstr'],
      ['nowait', 'bit'],
      ['arguments', 'table'],
    ],
  },
  ExchangeUnbindOk: { classId: 40, methodId: 51, args: [] },
  QueueDeclare: {
    classId: 50,
    methodId: 10,
    args: [
      ['ticket', 'short'],
      ['queue', 'shortstr'],
      ['passive', 'bit'],
      ['durable', 'bit'],
      ['exclusive', 'bit'],
      ['autoDelete', 'bit'],
      ['nowait', 'bit'],
      ['arguments', 'table'],
    ],
  },
  QueueDeclareOk: {
    classId: 50,
    methodId: 11,
    args: [
      ['queue', 'shortstr'],
      ['messageCount', 'long'],
      ['consumerCount', 'long'],
    ],
  },
  QueueBind: {
    classId: 50,
    methodId: 20,
    args: [
      ['ticket', 'short'],
      ['queue', 'shortstr'],
      ['exchange', 'shortstr'],
      ['routingKey', 'shortstr'],
      ['nowait', 'bit'],
      ['arguments', 'table'],
    ],
  },
  QueueBindOk: { classId: 50, methodId: 21, args: [] },
  QueuePurge: {
    classId: 50,
    methodId: 30,
    args: [
      ['ticket', 'short'],
      ['queue', 'shortstr'],
      ['nowait', 'bit'],
    ],
  },
  QueuePurgeOk: { classId: 50, methodId: 31, args: [['messageCount', 'long']] },
  QueueDelete: {
    classId: 50,
    methodId: 40,
    args: [
      ['ticket', 'short'],
      ['queue', 'shortstr'],
      ['ifUnused', 'bit'],
      ['ifEmpty', 'bit'],
      ['nowait', 'bit'],
    ],
  },
  QueueDeleteOk: { classId: 50, methodId: 41, args: [['messageCount', 'long']] },
  QueueUnbind: {
    classId: 50,
    methodId: 50,
    args: [
      ['ticket', 'short'],
      ['queue', 'shortstr'],
      ['exchange', 'shortstr'],
      ['routingKey', 'shortstr'],
      ['arguments', 'table'],
    ],
  },
  QueueUnbindOk: { classId: 50, methodId: 51, args: [] },
  BasicQos: {
    classId: 60,
    methodId: 10,
    args: [
      ['prefetchSize', 'long'],
      ['prefetchCount', 'short'],
      ['global', 'bit'],
    ],
  },
  BasicQosOk: { classId: 60, methodId: 11, args: [] },
  BasicConsume: {
    classId: 60,
    methodId: 20,
    args: [
      ['ticket', 'short'],
      ['queue', 'shortstr'],
      ['consumerTag', 'shortstr'],
      ['noLocal', 'bit'],
      ['noAck', 'bit'],
      ['exclusive', 'bit'],
      ['nowait', 'bit'],
      ['arguments', 'table'],
    ],
  },
  BasicConsumeOk: { classId: 60, methodId: 21, args: [['consumerTag', 'shortstr']] },
  BasicCancel: {
    classId: 60,
    methodId: 30,
    args: [
      ['consumerTag', 'shortstr'],
      ['nowait', 'bit'],
    ],
  },
  BasicCancelOk: { classId: 60, methodId: 31, args: [['consumerTag', 'shortstr']] },
  BasicPublish: {
    classId: 60,
    methodId: 40,
    args: [
      ['ticket', 'short'],
      ['exchange', 'shortstr'],
      ['routingKey', 'shortstr'],
      ['mandatory', 'bit'],
      ['immediate', 'bit'],
    ],
  },
  BasicReturn: {
    classId: 60,
    methodId: 50,
    args: [
      ['replyCode', 'short'],
      ['replyText', 'shortstr'],
      ['exchange', 'shortstr'],
      ['routingKey', 'shortstr'],
    ],
  },
  BasicDeliver: {
    classId: 60,
    methodId: 60,
    args: [
      ['consumerTag', 'shortstr'],
      ['deliveryTag', 'longlong'],
      ['redelivered', 'bit'],
      ['exchange', 'shortstr'],
      ['routingKey', 'shortstr'],
    ],
  },
  BasicGet: {
    classId: 60,
    methodId: 70,
    args: [
      ['ticket', 'short'],
      ['queue', 'shortstr'],
      ['noAck', 'bit'],
    ],
  },
  BasicGetOk: {
    classId: 60,
    methodId: 71,
    args: [
      ['deliveryTag', 'longlong'],
      ['redelivered', 'bit'],
      ['exchange', 'shortstr'],
      ['routingKey', 'shortstr'],
      ['messageCount', 'long'],
    ],
  },
  BasicGetEmpty: { classId: 60, methodId: 72, args: [['clusterId', 'shortstr']] },
  BasicAck: {
    classId: 60,
    methodId: 80,
    args: [
      ['deliveryTag', 'longlong'],
      ['multiple', 'bit'],
    ],
  },
  BasicReject: {
    classId: 60,
    methodId: 90,
    args: [
      ['deliveryTag', 'longlong'],
      ['requeue', 'bit'],
    ],
  },
  BasicRecoverAsync: { classId: 60, methodId: 100, args: [['requeue', 'bit']] },
  BasicRecover: { classId: 60, methodId: 110, args: [['requeue', 'bit']] },
  BasicRecoverOk: { classId: 60, methodId: 111, args: [] },
  BasicNack: {
    classId: 60,
    methodId: 120,
    args: [
      ['deliveryTag', 'longlong'],
      ['multiple', 'bit'],
      ['requeue', 'bit'],
    ],
  },
  TxSelect: { classId: 90, methodId: 10, args: [] },
  TxCommit: { classId: 90, methodId: 20, args: [] },
  TxRollback: { classId: 90, methodId: 30, args: [] },
  ConfirmSelect: { classId: 85, methodId: 10, args: [['nowait', 'bit']] },
  ConfirmSelectOk: { classId: 85, methodId: 11, args: [] },
} as const satisfies Record<string, MethodDefinition>;

export type MethodName = keyof typeof methods;

/** The decoded arguments of method `N`, e.g. `MethodArgs<'QueueDeclare'>['queue']`. */
export type MethodArgs<N extends MethodName> = {
  [A in (typeof methods)[N]['args'][number] as A[0]]: ArgTypes[A[1]];
};

/** A decoded method frame payload: its name and arguments. */
export type Method = {
  [N in MethodName]: { readonly name: N; readonly args: MethodArgs<N> };
}[MethodName];

export const methodNameById = new Map<number, MethodName>(
  (Object.keys(methods) as MethodName[]).map((name) => [
    methodKey(methods[name].classId, methods[name].methodId),
    name,
  ]),
);

export function methodKey(classId: number, methodId: number): number {
  return (classId << 16) | methodId;
}
