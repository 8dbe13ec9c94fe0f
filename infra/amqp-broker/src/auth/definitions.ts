import { readFileSync } from 'node:fs';

/** One user of RabbitMQ's definitions format: a plain `password`, or RabbitMQ's salted SHA-256 `password_hash`. */
export interface UserDefinition {
  readonly name: string;
  readonly password?: string;
  readonly password_hash?: string;
  readonly hashing_algorithm?: string;
  readonly tags?: string | readonly string[];
}

/** A user's regular expressions for one vhost, as `rabbitmqctl set_permissions` takes them. */
export interface PermissionDefinition {
  readonly user: string;
  readonly vhost: string;
  readonly configure: string;
  readonly write: string;
  readonly read: string;
}

/**
 * The part of RabbitMQ's definitions JSON (`rabbitmqctl import_definitions`,
 * `load_definitions`) this broker reads: users, vhosts and permissions.
 */
export interface BrokerDefinitions {
  readonly users: readonly UserDefinition[];
  readonly vhosts?: readonly { readonly name: string }[];
  readonly permissions: readonly PermissionDefinition[];
}

/** What a fresh RabbitMQ node has: `guest`/`guest` with every permission on `/`. */
export const GUEST_DEFINITIONS: BrokerDefinitions = {
  users: [{ name: 'guest', password: 'guest', tags: 'administrator' }],
  vhosts: [{ name: '/' }],
  permissions: [{ user: 'guest', vhost: '/', configure: '.*', write: '.*', read: '.*' }],
};

const SUPPORTED_HASH = 'rabbit_password_hashing_sha256';

/** Reads and checks a definitions file; throws naming what is wrong. */
export function readDefinitionsFile(path: string): BrokerDefinitions {
  return parseDefinitions(JSON.parse(readFileSync(path, 'utf8')) as unknown, path);
}

export function parseDefinitions(value: unknown, source = 'definitions'): BrokerDefinitions {
  const fail = (detail: string): never => {
    throw new Error(`${source}: ${detail}`);
  };
  if (typeof value !== 'object' || value === null) return fail('not a JSON object');
  const {
    users = [],
    vhosts = [{ name: '/' }],
    permissions = [],
  } = value as Record<string, unknown>;
  if (!Array.isArray(users) || !Array.isArray(permissions) || !Array.isArray(vhosts))
    return fail('users, vhosts and permissions must be arrays');
  for (const user of users as UserDefinition[]) {
    if (typeof user.name !== 'string' || user.name === '') fail('a user without a name');
    const hashed = typeof user.password_hash === 'string';
    if (!hashed && typeof user.password !== 'string')
      fail(`user '${user.name}' has neither password nor password_hash`);
    if (hashed && (user.hashing_algorithm ?? SUPPORTED_HASH) !== SUPPORTED_HASH)
      fail(`user '${user.name}': only ${SUPPORTED_HASH} is supported`);
  }
  for (const p of permissions as PermissionDefinition[]) {
    for (const key of ['user', 'vhost', 'configure', 'write', 'read'] as const)
      if (typeof p[key] !== 'string') fail(`a permission without '${key}'`);
    for (const key of ['configure', 'write', 'read'] as const) {
      try {
        new RegExp(p[key]);
      } catch {
        fail(`permission '${key}' of user '${p.user}' is not a regular expression: ${p[key]}`);
      }
    }
  }
  return {
    users: users as UserDefinition[],
    vhosts: vhosts as { name: string }[],
    permissions: permissions as PermissionDefinition[],
  };
}
