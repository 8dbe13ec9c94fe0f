import { describe, expect, it } from 'vitest';
import {
  AclAuthorizer,
  AclOperation,
  AclPermission,
  PatternType,
  ResourceType,
  type AclBinding,
} from './acl-authorizer.js';

const allow = (overrides: Partial<AclBinding>): AclBinding => ({
  resourceType: ResourceType.TOPIC,
  resourceName: 'orders',
  patternType: PatternType.LITERAL,
  principal: 'User:alice',
  host: '*',
  operation: AclOperation.READ,
  permission: AclPermission.ALLOW,
  ...overrides,
});

function authorizerWith(...acls: AclBinding[]): AclAuthorizer {
  const authorizer = new AclAuthorizer(new Set(['User:admin']));
  for (const acl of acls) authorizer.add(acl);
  return authorizer;
}

const can = (authorizer: AclAuthorizer, principal: string, operation: number, topic: string) =>
  authorizer.authorize(principal, '127.0.0.1', operation, ResourceType.TOPIC, topic);

describe('the stand-in’s ACL authorizer (Kafka’s StandardAuthorizer rules)', () => {
  it('allows a super user everything and anyone else nothing without an ACL', () => {
    const none = authorizerWith();
    expect(can(none, 'User:admin', AclOperation.DELETE, 'orders')).toBe(true);
    expect(can(none, 'User:alice', AclOperation.DESCRIBE, 'orders')).toBe(false);
  });

  it('lets READ, WRITE, DELETE and ALTER imply DESCRIBE, ALTER_CONFIGS imply DESCRIBE_CONFIGS, ALL imply everything', () => {
    for (const operation of [
      AclOperation.READ,
      AclOperation.WRITE,
      AclOperation.DELETE,
      AclOperation.ALTER,
    ])
      expect(
        can(authorizerWith(allow({ operation })), 'User:alice', AclOperation.DESCRIBE, 'orders'),
      ).toBe(true);
    const configs = authorizerWith(allow({ operation: AclOperation.ALTER_CONFIGS }));
    expect(can(configs, 'User:alice', AclOperation.DESCRIBE_CONFIGS, 'orders')).toBe(true);
    const read = authorizerWith(allow({}));
    expect(can(read, 'User:alice', AclOperation.WRITE, 'orders')).toBe(false);
    const all = authorizerWith(allow({ operation: AclOperation.ALL }));
    expect(can(all, 'User:alice', AclOperation.CREATE, 'orders')).toBe(true);
  });

  it('matches literal names, the * wildcard, prefixes and User:*', () => {
    const acls = authorizerWith(
      allow({ resourceName: 'pay.', patternType: PatternType.PREFIXED }),
      allow({ resourceName: '*', principal: 'User:bob' }),
      allow({ resourceName: 'public', principal: 'User:*' }),
    );
    expect(can(acls, 'User:alice', AclOperation.READ, 'pay.refunds')).toBe(true);
    expect(can(acls, 'User:alice', AclOperation.READ, 'orders')).toBe(false);
    expect(can(acls, 'User:bob', AclOperation.READ, 'anything')).toBe(true);
    expect(can(acls, 'User:carol', AclOperation.READ, 'public')).toBe(true);
  });

  it('lets a DENY win over any ALLOW', () => {
    const acls = authorizerWith(
      allow({ operation: AclOperation.ALL }),
      allow({ operation: AclOperation.WRITE, permission: AclPermission.DENY }),
    );
    expect(can(acls, 'User:alice', AclOperation.READ, 'orders')).toBe(true);
    expect(can(acls, 'User:alice', AclOperation.WRITE, 'orders')).toBe(false);
  });

  it('refuses a binding Kafka would refuse, and keeps one copy of a repeated one', () => {
    expect(AclAuthorizer.invalid(allow({ principal: 'alice' }))).toMatch(/invalid principal/);
    expect(AclAuthorizer.invalid(allow({ patternType: PatternType.ANY }))).toMatch(/pattern type/);
    expect(
      AclAuthorizer.invalid(allow({ resourceType: ResourceType.CLUSTER, resourceName: 'x' })),
    ).toMatch(/kafka-cluster/);
    expect(AclAuthorizer.invalid(allow({}))).toBeUndefined();
    const twice = authorizerWith(allow({}), allow({}));
    expect(
      twice.describe({
        resourceType: ResourceType.ANY,
        resourceName: null,
        patternType: PatternType.ANY,
        principal: null,
        host: null,
        operation: AclOperation.ANY,
        permission: AclPermission.ANY,
      }),
    ).toHaveLength(1);
  });
});
