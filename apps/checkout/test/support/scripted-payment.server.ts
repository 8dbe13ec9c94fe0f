import * as grpc from '@grpc/grpc-js';
import { loadPaymentV1Service, paymentV1 } from '@shop/contracts';

type Method = 'authorize' | 'refund' | 'getPayment';
type Call = grpc.ServerUnaryCall<Record<string, unknown>, unknown>;
/** What the server does with one call: answer, fail with a status, or wait first. */
export type Script = (
  call: Call,
) => Promise<
  { payment: paymentV1.Payment } | { code: grpc.status; trailers?: Record<string, string> }
>;

/** A shop.payment.v1 server on 127.0.0.1 that does what each test scripts, and counts calls. */
export async function startScriptedPaymentServer() {
  const PaymentService = loadPaymentV1Service();
  const scripts: Record<Method, Script> = {
    authorize: notScripted,
    refund: notScripted,
    getPayment: notScripted,
  };
  const calls: Record<Method, Call[]> = { authorize: [], refund: [], getPayment: [] };
  const handler = (method: Method) => (call: Call, callback: grpc.sendUnaryData<unknown>) => {
    calls[method].push(call);
    void scripts[method](call).then((answer) => {
      if ('payment' in answer) {
        callback(null, answer);
        return;
      }
      const metadata = new grpc.Metadata();
      for (const [key, value] of Object.entries(answer.trailers ?? {})) metadata.set(key, value);
      callback({ code: answer.code, details: grpc.status[answer.code], metadata });
    });
  };
  const server = new grpc.Server();
  server.addService(PaymentService.service, {
    authorize: handler('authorize'),
    refund: handler('refund'),
    getPayment: handler('getPayment'),
  });
  const port = await new Promise<number>((resolve, reject) => {
    server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (error, bound) => {
      if (error) reject(error);
      else resolve(bound);
    });
  });
  return {
    target: `127.0.0.1:${port}`,
    calls,
    script: (method: Method, script: Script) => {
      scripts[method] = script;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.tryShutdown(() => {
          resolve();
        });
      }),
  };
}

const notScripted: Script = () => Promise.resolve({ code: grpc.status.UNIMPLEMENTED });

export function paymentOf(fields: Partial<paymentV1.Payment>): paymentV1.Payment {
  return {
    paymentId: 'pay-1',
    orderId: '',
    learnerId: '',
    amount: null,
    status: paymentV1.PaymentStatus.PAYMENT_STATUS_AUTHORIZED,
    declineReason: paymentV1.DeclineReason.DECLINE_REASON_UNSPECIFIED,
    createdAt: null,
    updatedAt: null,
    ...fields,
  };
}

export const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
