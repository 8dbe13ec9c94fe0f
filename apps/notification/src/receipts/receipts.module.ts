import { Module } from '@nestjs/common';
import { PrismaReceiptsRepository } from './prisma-receipts.repository.js';
import { ReceiptsRepository } from './receipts.repository.js';
import { OrderEventsKafkaConsumer } from './send-receipt/order-events.kafka-consumer.js';
import { SendReceiptHandler } from './send-receipt/send-receipt.handler.js';

/** Receipts: sent for completed orders (Kafka), read by the graph. Needs the Kafka consumer feature. */
@Module({
  controllers: [OrderEventsKafkaConsumer],
  providers: [
    SendReceiptHandler,
    { provide: ReceiptsRepository, useClass: PrismaReceiptsRepository },
  ],
  exports: [ReceiptsRepository],
})
export class ReceiptsModule {}
