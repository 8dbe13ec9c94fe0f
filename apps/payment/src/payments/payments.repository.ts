import { Inject, Injectable } from '@nestjs/common';
import { PrismaClient, type Payment } from '../generated/prisma/client.js';

export type PaymentLookup = { readonly paymentId: string } | { readonly idempotencyKey: string };

/** Storage of payments, behind an interface the use cases own. */
export abstract class PaymentsRepository {
  abstract find(lookup: PaymentLookup): Promise<Payment | undefined>;
}

@Injectable()
export class PrismaPaymentsRepository extends PaymentsRepository {
  constructor(@Inject(PrismaClient) private readonly prisma: PrismaClient) {
    super();
  }

  async find(lookup: PaymentLookup): Promise<Payment | undefined> {
    const where = 'paymentId' in lookup ? { id: lookup.paymentId } : { idempotencyKey: lookup.idempotencyKey };
    return (await this.prisma.payment.findUnique({ where })) ?? undefined;
  }
}
