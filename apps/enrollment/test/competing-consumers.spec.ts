// Two enrollment instances on one queue, as a deployment scales out: the
// broker shares the commands between them, and the row locks keep the
// capacity true whichever instance handles which order.
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { GrantSeatHandler } from '../src/seats/grant-seat/grant-seat.handler.js';
import { followTopics } from './support/kafka-reader.js';
import {
  createCourses,
  grantSeat,
  sendCommands,
  startEnrollment,
  startInfrastructure,
  type Infrastructure,
} from './support/enrollment-harness.js';

let infra: Infrastructure;
let instances: NestFastifyApplication[];

beforeAll(async () => {
  infra = await startInfrastructure();
  instances = await Promise.all(
    [1, 2].map(() => startEnrollment(infra, { GRANT_SEAT_PREFETCH: '3' })),
  );
}, 60_000);
afterAll(async () => {
  await Promise.all(instances.map((app) => app.close()));
  await infra.stop();
});

describe('two enrollment instances on one queue', () => {
  it('share 20 commands, each handled exactly once, and never oversell a course', async () => {
    const spies = instances.map((app) => vi.spyOn(app.get(GrantSeatHandler), 'execute'));
    const [scarce, plenty] = await createCourses(infra.db, 7, 100);
    // Half the orders list the courses the other way round: locking in id
    // order, not request order, is what keeps them from deadlocking.
    const commands = Array.from({ length: 20 }, (_, i) =>
      grantSeat(i % 2 === 0 ? [scarce!, plenty!] : [plenty!, scarce!]),
    );
    const kafka = await followTopics(infra.kafkaBrokers, [
      'enrollment.seat-granted.v1',
      'enrollment.seat-rejected.v1',
    ]);
    try {
      await sendCommands(infra.amqp, commands);
      const answered = () =>
        kafka.all('enrollment.seat-granted.v1').length +
        kafka.all('enrollment.seat-rejected.v1').length;
      await expect.poll(() => answered() === 20, { timeout: 30_000 }).toBe(true);

      const handled = spies.map((spy) => spy.mock.calls.map(([command]) => command.data.commandId));
      expect(handled.every((ids) => ids.length > 0)).toBe(true);
      expect(handled.flat().sort()).toEqual(commands.map((c) => c.commandId).sort());
      const outcomes = await Promise.all(
        spies.flatMap((spy) => spy.mock.results.map((r) => r.value as Promise<string>)),
      );
      expect(outcomes.filter((o) => o === 'GRANTED')).toHaveLength(7);
      expect(outcomes.filter((o) => o === 'REJECTED')).toHaveLength(13);

      const { rows } = await infra.db.query<{ course_id: string; taken: number; enrolled: number }>(
        `SELECT s.course_id, s.taken, count(e.id)::int AS enrolled
           FROM course_seats s LEFT JOIN enrollments e USING (course_id)
          WHERE s.course_id = ANY($1::uuid[]) GROUP BY s.course_id, s.taken`,
        [[scarce, plenty]],
      );
      // All seats or none: the 7 winners hold a seat in both courses, nobody else in either.
      expect(rows.map((r) => [r.taken, r.enrolled])).toEqual([
        [7, 7],
        [7, 7],
      ]);
      expect(kafka.all('enrollment.seat-granted.v1')).toHaveLength(7);
      expect(kafka.all('enrollment.seat-rejected.v1').map((r) => r.event.data)).toEqual(
        Array.from({ length: 13 }, (): unknown =>
          expect.objectContaining({ courseId: scarce, reason: 'COURSE_FULL' }),
        ),
      );
    } finally {
      await kafka.close();
    }
  }, 45_000);
});
