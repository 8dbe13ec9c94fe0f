import { AMQP_LOGINS, amqpUrlAs } from '@shop/stack';
import amqp from 'amqplib';
import { describe, expect, inject, it } from 'vitest';

const stack = inject('stack');

/** The reply text of a refusal, or 'ok'. */
async function outcome(operation: () => Promise<unknown>): Promise<string> {
  try {
    await operation();
    return 'ok';
  } catch (error) {
    return /[A-Z_]+ - [^"]*/.exec(String(error))?.[0] ?? String(error);
  }
}

describe('each service reaches RabbitMQ as its own user', () => {
  const port = stack.ports.AMQP_PORT;

  it('refuses checkout consuming enrollment’s queue with ACCESS_REFUSED', async () => {
    const connection = await amqp.connect(amqpUrlAs(AMQP_LOGINS.checkout, port));
    connection.on('error', () => undefined);
    try {
      const channel = await connection.createChannel();
      channel.on('error', () => undefined);
      expect(await outcome(() => channel.consume('enrollment.grant-seat', () => undefined))).toBe(
        "ACCESS_REFUSED - access to queue 'enrollment.grant-seat' in vhost '/' refused for user 'checkout'",
      );
    } finally {
      await connection.close().catch(() => undefined);
    }
  });

  it('refuses a wrong password with ACCESS_REFUSED at login', async () => {
    const wrong = { ...AMQP_LOGINS.checkout, password: 'not-the-password' };
    expect(await outcome(() => amqp.connect(amqpUrlAs(wrong, port)))).toMatch(
      /^ACCESS_REFUSED - Login was refused/,
    );
  });
});
