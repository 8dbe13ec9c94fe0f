import type { MethodArgs, MethodName } from '../../codec/method-definitions.js';
import type { Channel } from '../channel.js';
import { basicAck, basicNack, basicRecover, basicReject } from './ack.handlers.js';
import { channelClose, confirmSelect, unsupported } from './channel.handlers.js';
import { basicCancel, basicConsume, basicGet, basicQos } from './consume.handlers.js';
import {
  exchangeBind,
  exchangeDeclare,
  exchangeDelete,
  exchangeUnbind,
} from './exchange.handlers.js';
import { queueBind, queueDeclare, queueDelete, queuePurge, queueUnbind } from './queue.handlers.js';

type Handler<N extends MethodName> = (channel: Channel, args: MethodArgs<N>) => void;

/** Which function handles each method a client may send on a channel (basic.publish aside). */
export const handlers: { readonly [N in MethodName]?: Handler<N> } = {
  ChannelClose: channelClose,
  ChannelFlow: unsupported('channel.flow'),
  ExchangeDeclare: exchangeDeclare,
  ExchangeDelete: exchangeDelete,
  ExchangeBind: exchangeBind,
  ExchangeUnbind: exchangeUnbind,
  QueueDeclare: queueDeclare,
  QueueBind: queueBind,
  QueueUnbind: queueUnbind,
  QueuePurge: queuePurge,
  QueueDelete: queueDelete,
  BasicQos: basicQos,
  BasicConsume: basicConsume,
  BasicCancel: basicCancel,
  BasicGet: basicGet,
  BasicAck: basicAck,
  BasicNack: basicNack,
  BasicReject: basicReject,
  BasicRecover: basicRecover,
  BasicRecoverAsync: unsupported('basic.recover-async'),
  ConfirmSelect: confirmSelect,
  TxSelect: unsupported('tx.select'),
  TxCommit: unsupported('tx.commit'),
  TxRollback: unsupported('tx.rollback'),
};
