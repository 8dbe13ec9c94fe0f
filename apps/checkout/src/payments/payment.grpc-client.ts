import { randomUUID } from 'node:crypto';
import * as grpc from '@grpc/grpc-js';
import { loadPaymentV1Service, paymentV1 } from '@shop/contracts';
import { SERVICE_TOKEN_METADATA, type SignedTokens } from '@shop/identity';
import { CORRELATION_HEADER, currentCorrelationId } from '@shop/tracing';

interface PaymentMethods {
  authorize: [paymentV1.AuthorizeRequest, paymentV1.AuthorizeResponse];
  refund: [paymentV1.RefundRequest, paymentV1.RefundResponse];
  getPayment: [paymentV1.GetPaymentRequest, paymentV1.GetPaymentResponse];
}

type Unary = (
  request: unknown,
  metadata: grpc.Metadata,
  options: grpc.CallOptions,
  callback: (error: grpc.ServiceError | null, response?: unknown) => void,
) => grpc.ClientUnaryCall;

export interface PaymentClientOptions {
  /** Signs checkout's token for the checkout → payment edge, sent with every call. */
  readonly tokens: SignedTokens;
  readonly channelOptions?: grpc.ChannelOptions;
}

// Who checkout is to payment: the subject of its token.
const CALLER = 'checkout';

/**
 * shop.payment.v1 over grpc-js, one promise per call, each carrying
 * checkout's short-lived token (payment answers nobody else). A plain grpc-js
 * client rather than Nest's ClientGrpc: the policy needs per-call deadlines,
 * cancellation and trailers, which the generated Nest interface does not type.
 */
export class PaymentGrpcClient {
  private readonly client: grpc.Client;

  private readonly tokens: SignedTokens;

  constructor(target: string, { tokens, channelOptions = {} }: PaymentClientOptions) {
    const PaymentService = loadPaymentV1Service();
    this.client = new PaymentService(target, grpc.credentials.createInsecure(), channelOptions);
    this.tokens = tokens;
  }

  /** One call: `deadline` travels to payment (grpc-timeout), `signal` cancels it. */
  async call<M extends keyof PaymentMethods>(
    method: M,
    request: PaymentMethods[M][0],
    { deadline, signal }: { deadline: Date; signal: AbortSignal },
  ): Promise<PaymentMethods[M][1]> {
    const metadata = new grpc.Metadata();
    metadata.set(CORRELATION_HEADER, currentCorrelationId() ?? randomUUID());
    metadata.set(SERVICE_TOKEN_METADATA, `Bearer ${(await this.tokens.issue(CALLER)).token}`);
    const unary = (this.client as unknown as Record<M, Unary>)[method].bind(this.client);
    return new Promise((resolve, reject) => {
      const call = unary(request, metadata, { deadline }, (error, response) => {
        signal.removeEventListener('abort', cancel);
        if (error) reject(error);
        else resolve(response as PaymentMethods[M][1]);
      });
      const cancel = () => {
        call.cancel();
      };
      signal.addEventListener('abort', cancel, { once: true });
    });
  }

  close(): void {
    this.client.close();
  }

  // Nest calls this on shutdown: the channel must not keep the process alive.
  onApplicationShutdown(): void {
    this.close();
  }
}
