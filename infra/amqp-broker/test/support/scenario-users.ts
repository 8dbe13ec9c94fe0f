import { GUEST_DEFINITIONS, type BrokerDefinitions } from '../../src/index.js';

// Scenario names are `t<8 hex>.<suffix>` (ScenarioContext.name): the
// permissions below match by suffix, so they hold for every run.
export const LIMITED = { username: 'scenario-limited', password: 'limited-secret' } as const;
export const PUBLISHER = { username: 'scenario-publisher', password: 'publisher-secret' } as const;
export const NO_VHOST = { username: 'scenario-no-vhost', password: 'no-vhost-secret' } as const;

/** The users of the access scenarios, loaded into both brokers (RabbitMQ's definitions format). */
export const SCENARIO_USERS: BrokerDefinitions = {
  users: [LIMITED, PUBLISHER, NO_VHOST].map((u) => ({
    name: u.username,
    password: u.password,
    tags: '',
  })),
  vhosts: [{ name: '/' }],
  permissions: [
    {
      user: LIMITED.username,
      vhost: '/',
      configure: '^t[0-9a-f]{8}\\.mine',
      write: '^t[0-9a-f]{8}\\.mine',
      read: '^t[0-9a-f]{8}\\.mine',
    },
    // Like checkout: may publish to one exchange and do nothing else.
    {
      user: PUBLISHER.username,
      vhost: '/',
      configure: '^$',
      write: '^t[0-9a-f]{8}\\.commands$',
      read: '',
    },
  ],
};

/** What the embedded broker of the differential suite knows: guest and the scenario users. */
export const EMBEDDED_DEFINITIONS: BrokerDefinitions = {
  users: [...GUEST_DEFINITIONS.users, ...SCENARIO_USERS.users],
  vhosts: [{ name: '/' }],
  permissions: [...GUEST_DEFINITIONS.permissions, ...SCENARIO_USERS.permissions],
};
