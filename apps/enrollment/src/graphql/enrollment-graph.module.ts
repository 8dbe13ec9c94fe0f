import { Module } from '@nestjs/common';
import { SubgraphModule, type SubgraphSettings } from '@shop/subgraph';
import {
  CourseSeatsGraphqlResolver,
  EnrollmentGraphqlResolver,
  OrderEnrollmentsGraphqlResolver,
} from '../seats/read-enrollments/enrollment.graphql-resolvers.js';
import { EnrollmentLoadersFactory } from '../seats/read-enrollments/enrollment.loaders.js';
import { SeatsModule } from '../seats/seats.module.js';

@Module({
  imports: [SeatsModule],
  providers: [
    EnrollmentLoadersFactory,
    CourseSeatsGraphqlResolver,
    OrderEnrollmentsGraphqlResolver,
    EnrollmentGraphqlResolver,
  ],
  exports: [EnrollmentLoadersFactory],
})
export class EnrollmentGraphModule {}

/** enrollment's subgraph (libs/contracts/graphql/enrollment.graphql) at POST /graphql. */
export const enrollmentSubgraph = (config: SubgraphSettings) =>
  SubgraphModule.forRoot({
    subgraph: 'enrollment',
    imports: [EnrollmentGraphModule],
    loaders: EnrollmentLoadersFactory,
    config,
  });
