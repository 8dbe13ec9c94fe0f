// Moves parked grant-seat commands back to their queue:
//   node apps/enrollment/dist/redrive.js [--limit N]
import { parseArgs } from 'node:util';
import { loadConfig } from '@shop/config';
import { enrollmentConfigSchema } from './config.js';
import { redriveParkedCommands } from './messaging/parking-lot.redrive.js';
import { grantSeatRoute, parkingQueue } from './messaging/grant-seat.topology.js';

const { values } = parseArgs({ options: { limit: { type: 'string' }, help: { type: 'boolean' } } });
if (values.help === true) {
  process.stdout.write(
    `usage: redrive [--limit N]\nMoves parked commands from ${parkingQueue} to ${grantSeatRoute.queue}; reads AMQP_URL.\n`,
  );
  process.exit(0);
}
const limit = values.limit === undefined ? undefined : Number(values.limit);
if (limit !== undefined && (!Number.isInteger(limit) || limit < 1)) {
  process.stderr.write(`--limit must be a positive integer, got ${values.limit}\n`);
  process.exit(64);
}
const { AMQP_URL } = loadConfig('enrollment', enrollmentConfigSchema.pick({ AMQP_URL: true }));
try {
  const { moved, remaining } = await redriveParkedCommands(AMQP_URL, limit);
  process.stdout.write(
    `moved ${moved} command(s) from ${parkingQueue} to ${grantSeatRoute.queue}; ${remaining} left parked\n`,
  );
} catch (error) {
  process.stderr.write(
    `redrive failed: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
}
