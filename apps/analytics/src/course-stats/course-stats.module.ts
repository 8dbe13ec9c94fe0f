import { Module } from '@nestjs/common';
import { CountOrderEventsHandler } from './count-order-events/count-order-events.handler.js';
import { OrderEventsKafkaConsumer } from './count-order-events/order-events.kafka-consumer.js';
import { CourseStatsRepository } from './course-stats.repository.js';
import { PrismaCourseStatsRepository } from './prisma-course-stats.repository.js';

/** Course stats: counted from order events (Kafka), read by the graph. Needs the Kafka consumer feature. */
@Module({
  controllers: [OrderEventsKafkaConsumer],
  providers: [
    CountOrderEventsHandler,
    { provide: CourseStatsRepository, useClass: PrismaCourseStatsRepository },
  ],
  exports: [CourseStatsRepository],
})
export class CourseStatsModule {}
