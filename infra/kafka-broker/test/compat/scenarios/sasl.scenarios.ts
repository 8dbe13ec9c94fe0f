import type { SASLOptions } from 'kafkajs';
import { SCENARIO_SASL_USERS } from '../../support/kafka-under-test.js';
import { rawRequest } from '../../support/raw-request.js';
import type { Scenario, ScenarioContext } from '../../support/scenario.js';

const METADATA = 3;
const SASL_HANDSHAKE = 17;

const plain = (username: string, password: string): SASLOptions => ({
  mechanism: 'plain',
  username,
  password,
});

/** 'ok', or the kafkajs error a client sees. */
async function connectAs(ctx: ScenarioContext, sasl: SASLOptions): Promise<unknown> {
  const admin = ctx.client({ sasl, retry: { retries: 0 } }).admin();
  try {
    await admin.connect();
    await admin.listTopics();
    return 'ok';
  } catch (error) {
    const { name, message } = error as Error;
    return { name, message };
  } finally {
    await admin.disconnect();
  }
}

const hexOr = (answer: Buffer | null) => answer?.toString('hex') ?? 'closed unanswered';

// The SASL_PLAINTEXT listener: Kafka's SaslServerAuthenticator, observed from kafkajs and raw bytes.
export const saslScenarios: Scenario[] = [
  {
    name: 'good PLAIN credentials produce and consume',
    async run(ctx) {
      const client = ctx.client({
        sasl: plain('scenario-app', SCENARIO_SASL_USERS['scenario-app']),
      });
      const topic = ctx.name('authenticated');
      const admin = await ctx.admin(client);
      await ctx.createTopics([{ topic }], admin);
      const producer = await ctx.producer({}, client);
      await producer.send({ topic, messages: [{ value: 'hello' }] });
      const [offsets] = await admin.fetchTopicOffsets(topic);
      return { high: offsets?.high };
    },
  },
  {
    name: 'a wrong password or an unknown user is SASL_AUTHENTICATION_FAILED',
    async run(ctx) {
      return {
        wrongPassword: await connectAs(ctx, plain('scenario-app', 'wrong')),
        unknownUser: await connectAs(ctx, plain('nobody', 'app-secret')),
        right: await connectAs(ctx, plain('scenario-app', SCENARIO_SASL_USERS['scenario-app'])),
      };
    },
  },
  {
    name: 'a mechanism the listener does not enable is refused at the handshake',
    async run(ctx) {
      return connectAs(ctx, {
        mechanism: 'scram-sha-256',
        username: 'scenario-app',
        password: 'x',
      });
    },
  },
  {
    name: 'a request before authentication closes the connection unanswered; the handshake lists PLAIN',
    async run(ctx) {
      const address = ctx.brokers[0]!;
      const allTopics = Buffer.alloc(4);
      allTopics.writeInt32BE(-1);
      const mechanism = Buffer.from('\u0000\u0005PLAIN', 'latin1');
      return {
        metadata: hexOr(await rawRequest(address, METADATA, 1, allTopics)),
        handshakeV1: hexOr(await rawRequest(address, SASL_HANDSHAKE, 1, mechanism)),
      };
    },
  },
];
