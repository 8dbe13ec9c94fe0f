import { Module, type DynamicModule } from '@nestjs/common';
import { OrdersModule } from '../orders.module.js';
import { CancelStuckEnrollmentsHandler } from './cancel-stuck-enrollments.handler.js';
import { ORDER_DEADLINES, type OrderDeadlines } from './order-deadlines.js';
import { ResolveStuckOrdersHandler } from './resolve-stuck-orders.handler.js';
import { StuckOrdersSweep } from './stuck-orders.sweep.js';

/**
 * The deadlines of intermediate order states (global: placing an order
 * honours them too) and the sweep that enforces them. Needs `Payments` and
 * the `OrdersRepository`, which OrdersModule exports.
 */
@Module({})
export class OrderRecoveryModule {
  static forRoot(deadlines: OrderDeadlines): DynamicModule {
    return {
      module: OrderRecoveryModule,
      global: true,
      imports: [OrdersModule],
      providers: [
        { provide: ORDER_DEADLINES, useValue: deadlines },
        ResolveStuckOrdersHandler,
        CancelStuckEnrollmentsHandler,
        StuckOrdersSweep,
      ],
      exports: [ORDER_DEADLINES, ResolveStuckOrdersHandler, CancelStuckEnrollmentsHandler],
    };
  }
}
