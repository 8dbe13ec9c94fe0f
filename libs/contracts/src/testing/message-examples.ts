import type { DataOf, MessageKind } from '../lib/message-kinds.js';

const orderId = '0b9f3a52-6d1e-4c1b-9a57-3f0c2e8d4a11';
const learnerId = '5d2c8e3f-1a4b-4f6e-8c9d-7e0a1b2c3d44';
const courseId = '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c66';
const lines = [{ courseId, priceMinor: 4900, currency: 'EUR' }];

/**
 * One valid `data` per message kind, typed by the generated types: if a type
 * and its schema drifted apart, either this file stops compiling or the
 * contract tests reject it. Tests across the repository may start from these.
 */
export const messageExamples: { readonly [K in MessageKind]: DataOf<K> } = {
  'enrollment.grant-seat.v1': {
    commandId: 'order-7f3c-attempt-1',
    orderId,
    learnerId,
    courseIds: [courseId],
    requestedAt: '2026-03-01T10:15:30.000Z',
  },
  'enrollment.seat-granted.v1': {
    orderId,
    learnerId,
    enrollments: [{ courseId, enrollmentId: 'c3d4e5f6-a7b8-4c9d-8e0f-112233445566' }],
  },
  'enrollment.seat-rejected.v1': {
    orderId,
    learnerId,
    courseId,
    reason: 'COURSE_FULL',
    detail: 'all 30 seats are taken',
  },
  'enrollment.cancel-grant.v1': {
    commandId: 'cancel-grant-0b9f3a52-6d1e-4c1b-9a57-3f0c2e8d4a11',
    orderId,
    learnerId,
    courseIds: [courseId],
    requestedAt: '2026-03-01T10:20:30.000Z',
  },
  'enrollment.grant-cancelled.v1': {
    orderId,
    learnerId,
    released: [{ courseId, enrollmentId: 'c3d4e5f6-a7b8-4c9d-8e0f-112233445566' }],
    cancelledAt: '2026-03-01T10:20:31.000Z',
  },
  'order.completed.v1': {
    orderId,
    learnerId,
    lines,
    totalMinor: 4900,
    currency: 'EUR',
    completedAt: '2026-03-01T10:15:31.250Z',
  },
  'order.cancelled.v1': {
    orderId,
    learnerId,
    lines,
    reason: 'COURSE_FULL',
    refundId: 'd4e5f6a7-b8c9-4d0e-9f10-223344556677',
    cancelledAt: '2026-03-01T10:15:31.250Z',
  },
  'order.cancelled.v2': {
    orderId,
    learnerId,
    lines,
    reason: 'ENROLLMENT_TIMEOUT',
    refundId: 'd4e5f6a7-b8c9-4d0e-9f10-223344556677',
    cancelledAt: '2026-03-01T10:25:31.250Z',
  },
};
