import { Module } from '@nestjs/common';
import { CancelGrantHandler } from './cancel-grant/cancel-grant.handler.js';
import { GrantSeatHandler } from './grant-seat/grant-seat.handler.js';
import { PrismaSeatsRepository } from './prisma-seats.repository.js';
import { SeatCommandsAmqpConsumer } from './seat-commands.amqp-consumer.js';
import { SeatsRepository } from './seats.repository.js';

/** Seats: granted and cancelled by commands (AMQP), read by the graph. Needs the grant-seat commands feature. */
@Module({
  controllers: [SeatCommandsAmqpConsumer],
  providers: [
    GrantSeatHandler,
    CancelGrantHandler,
    { provide: SeatsRepository, useClass: PrismaSeatsRepository },
  ],
  exports: [SeatsRepository],
})
export class SeatsModule {}
