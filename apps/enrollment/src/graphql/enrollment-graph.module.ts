import { Module } from '@nestjs/common';
import { SubgraphModule } from '@shop/subgraph';
import { EnrollmentReads } from './enrollment-reads.js';
import {
  CourseSeatsGraphqlResolver,
  EnrollmentGraphqlResolver,
  OrderEnrollmentsGraphqlResolver,
} from './enrollment.graphql-resolvers.js';
import { EnrollmentLoadersFactory } from './enrollment.loaders.js';

@Module({
  providers: [
    EnrollmentReads,
    EnrollmentLoadersFactory,
    CourseSeatsGraphqlResolver,
    OrderEnrollmentsGraphqlResolver,
    EnrollmentGraphqlResolver,
  ],
  exports: [EnrollmentLoadersFactory],
})
export class EnrollmentGraphModule {}

/** enrollment's subgraph (libs/contracts/graphql/enrollment.graphql) at POST /graphql. */
export const EnrollmentSubgraphModule = SubgraphModule.forRoot({
  subgraph: 'enrollment',
  imports: [EnrollmentGraphModule],
  loaders: EnrollmentLoadersFactory,
});
