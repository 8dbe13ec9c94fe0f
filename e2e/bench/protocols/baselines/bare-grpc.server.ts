// Bare @grpc/grpc-js serving, from memory, the ListTestCardsResponse payment
// answers: the same proto, the same message, no Nest, no tracing.
import * as grpc from '@grpc/grpc-js';
import { loadPaymentV1Service } from '@shop/contracts';
import { announcePort, payloadFromEnv } from './baseline-process.js';

const response: unknown = JSON.parse(payloadFromEnv());
const server = new grpc.Server();
server.addService(loadPaymentV1Service().service, {
  listTestCards: (_call: unknown, callback: grpc.sendUnaryData<unknown>) => {
    callback(null, response);
  },
});
server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (error, port) => {
  if (error) throw error;
  announcePort(port);
});
