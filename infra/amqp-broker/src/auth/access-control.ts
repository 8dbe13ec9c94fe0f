import { createHash, timingSafeEqual } from 'node:crypto';
import { readTable } from '../codec/field-table.codec.js';
import { accessRefused } from '../model/amqp-error.js';
import type { BrokerDefinitions, UserDefinition } from './definitions.js';

export type Permission = 'configure' | 'write' | 'read';
export type ResourceKind = 'exchange' | 'queue';

/** What one authenticated user may do on the vhost it opened. */
export class VhostPermissions {
  private readonly patterns: Readonly<Record<Permission, RegExp>>;

  constructor(
    readonly user: string,
    private readonly vhost: string,
    regexps: Readonly<Record<Permission, string>>,
  ) {
    // As RabbitMQ: unanchored unless the expression anchors itself; '' permits nothing.
    const compile = (re: string): RegExp => new RegExp(re === '' ? '^$' : re);
    this.patterns = {
      configure: compile(regexps.configure),
      write: compile(regexps.write),
      read: compile(regexps.read),
    };
  }

  /** Throws ACCESS_REFUSED (a channel error) unless `permission` on the resource is granted. */
  check(permission: Permission, kind: ResourceKind, name: string): void {
    // RabbitMQ checks the default exchange under the name amq.default.
    const resource = kind === 'exchange' && name === '' ? 'amq.default' : name;
    if (this.patterns[permission].test(resource)) return;
    // RabbitMQ 3.10's text does not say which permission was missing.
    throw accessRefused(
      `access to ${kind} '${resource}' in vhost '${this.vhost}' refused for user '${this.user}'`,
    );
  }
}

/** The broker's users and their permissions, from RabbitMQ's definitions format. */
export class AccessControl {
  private readonly users: ReadonlyMap<string, UserDefinition>;

  constructor(private readonly definitions: BrokerDefinitions) {
    this.users = new Map(definitions.users.map((u) => [u.name, u]));
  }

  /** The user a connection.start-ok response proves, or undefined (PLAIN and AMQPLAIN). */
  authenticate(mechanism: string, response: Buffer): string | undefined {
    const credentials = decodeResponse(mechanism, response);
    if (credentials === undefined) return undefined;
    const user = this.users.get(credentials.user);
    if (user === undefined || !passwordMatches(user, credentials.password)) return undefined;
    return user.name;
  }

  /** The user's permissions on a vhost, or undefined when it has none there. */
  permissionsOn(user: string, vhost: string): VhostPermissions | undefined {
    const granted = this.definitions.permissions.find((p) => p.user === user && p.vhost === vhost);
    return granted === undefined ? undefined : new VhostPermissions(user, vhost, granted);
  }
}

interface Credentials {
  readonly user: string;
  readonly password: string;
}

function decodeResponse(mechanism: string, response: Buffer): Credentials | undefined {
  if (mechanism === 'PLAIN') {
    // authzid NUL authcid NUL password (RFC 4616)
    const parts = response.toString('utf8').split('\0');
    if (parts.length !== 3) return undefined;
    return { user: parts[1] ?? '', password: parts[2] ?? '' };
  }
  if (mechanism === 'AMQPLAIN') {
    // An AMQPLAIN response is a field table without its length prefix.
    const prefix = Buffer.alloc(4);
    prefix.writeUInt32BE(response.length);
    try {
      const table = readTable({ buffer: Buffer.concat([prefix, response]), offset: 0 });
      const login = table.get('LOGIN');
      const password = table.get('PASSWORD');
      if (login?.tag !== 'S' || password?.tag !== 'S') return undefined;
      return { user: login.value, password: password.value };
    } catch {
      return undefined;
    }
  }
  return undefined;
}

function passwordMatches(user: UserDefinition, password: string): boolean {
  const given = Buffer.from(password, 'utf8');
  if (user.password_hash === undefined) return sameBytes(Buffer.from(user.password ?? ''), given);
  // rabbit_password_hashing_sha256: base64(salt(4) ++ sha256(salt ++ password))
  const stored = Buffer.from(user.password_hash, 'base64');
  const salt = stored.subarray(0, 4);
  const digest = createHash('sha256').update(salt).update(given).digest();
  return sameBytes(stored.subarray(4), digest);
}

function sameBytes(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}
