import * as grpc from '@grpc/grpc-js';
import { loadPaymentV1Service } from '@shop/contracts';
import { developmentPaymentTokens } from '@shop/identity/testing';
import type { LoadPhase, PhaseResult } from './load-phase.js';

const CHANNELS = 4;
const CALL_DEADLINE_MS = 10_000;

type Unary = (
  request: object,
  metadata: grpc.Metadata,
  options: grpc.CallOptions,
  callback: (error: grpc.ServiceError | null) => void,
) => void;

/**
 * A closed-loop gRPC client: `concurrency` callers, each sending ListTestCards
 * and, once answered, the next one, spread over a few HTTP/2 channels (one
 * channel multiplexes every call on one connection).
 */
export function grpcLoad(address: string): LoadPhase {
  const PaymentService = loadPaymentV1Service();
  return async (concurrency, durationS) => {
    // A local subchannel pool: each client its own connection, not one shared.
    const clients = Array.from(
      { length: CHANNELS },
      () =>
        new PaymentService(address, grpc.credentials.createInsecure(), {
          'grpc.use_local_subchannel_pool': 1,
        }),
    );
    // payment answers checkout only: the load signs in as checkout, once per phase (a token lives 60 s).
    const metadata = new grpc.Metadata();
    metadata.set(
      'authorization',
      `Bearer ${(await developmentPaymentTokens().issue('checkout')).token}`,
    );
    const latenciesMs: number[] = [];
    let failures = 0;
    const started = performance.now();
    const stopAt = started + durationS * 1000;
    const caller = async (client: grpc.Client) => {
      const listTestCards = (client as unknown as Record<string, Unary>).listTestCards!.bind(
        client,
      );
      while (performance.now() < stopAt) {
        const sent = performance.now();
        const error = await new Promise<grpc.ServiceError | null>((resolve) => {
          listTestCards({}, metadata, { deadline: Date.now() + CALL_DEADLINE_MS }, resolve);
        });
        if (error) failures++;
        else latenciesMs.push(performance.now() - sent);
      }
    };
    await Promise.all(
      Array.from({ length: concurrency }, (_, i) => caller(clients[i % CHANNELS]!)),
    );
    const result: PhaseResult = {
      ok: latenciesMs.length,
      failures,
      durationS: (performance.now() - started) / 1000,
      latenciesMs,
    };
    for (const client of clients) client.close();
    return result;
  };
}
