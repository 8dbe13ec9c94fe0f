import { Module } from '@nestjs/common';
import { GrantSeatAmqpConsumer } from './grant-seat/grant-seat.amqp-consumer.js';
import { GrantSeatHandler } from './grant-seat/grant-seat.handler.js';
import { PrismaSeatsRepository } from './prisma-seats.repository.js';
import { SeatsRepository } from './seats.repository.js';

/** Seats: granted by commands (AMQP), read by the graph. Needs the grant-seat commands feature. */
@Module({
  controllers: [GrantSeatAmqpConsumer],
  providers: [GrantSeatHandler, { provide: SeatsRepository, useClass: PrismaSeatsRepository }],
  exports: [SeatsRepository],
})
export class SeatsModule {}
