import { describe, expect, it } from 'vitest';
import { kafkaAclPlan, kafkaTopics, publishedTopics } from './kafka-access-plan.js';

const users = {
  checkout: 'checkout',
  enrollment: 'enrollment',
  notification: 'notification',
  analytics: 'analytics',
};
const plan = kafkaAclPlan(users);
const allowed = (principal: string, operation: string, resourceType: string) =>
  plan
    .filter(
      (acl) =>
        acl.principal === principal &&
        acl.operation === operation &&
        acl.resourceType === resourceType,
    )
    .map((acl) => acl.resourceName)
    .sort();
const whoMay = (operation: string, topic: string) =>
  plan
    .filter(
      (acl) =>
        acl.operation === operation && acl.resourceType === 'TOPIC' && acl.resourceName === topic,
    )
    .map((acl) => acl.principal);

describe('the Kafka ACL plan', () => {
  it('lets the producer of a kind alone write its topic: checkout order.*, enrollment enrollment.*', () => {
    expect(publishedTopics('checkout')).toEqual([
      'order.completed.v1',
      'order.cancelled.v1',
      'order.cancelled.v2',
    ]);
    expect(whoMay('WRITE', 'order.completed.v1')).toEqual(['User:checkout']);
    expect(whoMay('WRITE', 'order.cancelled.v1')).toEqual(['User:checkout']);
    expect(whoMay('WRITE', 'order.cancelled.v2')).toEqual(['User:checkout']);
    expect(whoMay('WRITE', 'enrollment.seat-granted.v1')).toEqual(['User:enrollment']);
    expect(whoMay('WRITE', 'enrollment.seat-rejected.v1')).toEqual(['User:enrollment']);
  });

  it('lets each consumer read only the topics it handles, as its own group, and park in its own dead-letter topics', () => {
    expect(allowed('User:notification', 'READ', 'TOPIC')).toEqual(['order.completed.v1']);
    expect(allowed('User:notification', 'READ', 'GROUP')).toEqual(['notification']);
    expect(allowed('User:notification', 'WRITE', 'TOPIC')).toEqual([
      'order.completed.v1.notification.dlq',
    ]);
    expect(allowed('User:analytics', 'READ', 'TOPIC')).toEqual([
      'order.cancelled.v2',
      'order.completed.v1',
    ]);
    expect(allowed('User:analytics', 'WRITE', 'TOPIC')).toEqual([
      'order.cancelled.v2.analytics.dlq',
      'order.completed.v1.analytics.dlq',
    ]);
    // A superseded version still written for outside consumers: nobody here reads it.
    expect(whoMay('READ', 'order.cancelled.v1')).toEqual([]);
    expect(allowed('User:analytics', 'READ', 'GROUP')).toEqual(['analytics']);
    expect(allowed('User:checkout', 'READ', 'GROUP')).toEqual(['checkout']);
    expect(allowed('User:enrollment', 'READ', 'TOPIC')).toEqual([]);
  });

  it('grants nothing but READ and WRITE, on literal names, to the given users', () => {
    expect(new Set(plan.map((acl) => acl.operation))).toEqual(new Set(['READ', 'WRITE']));
    expect(new Set(plan.map((acl) => acl.patternType))).toEqual(new Set(['LITERAL']));
    expect(new Set(plan.map((acl) => acl.permission))).toEqual(new Set(['ALLOW']));
    expect(plan.every((acl) => acl.resourceName !== '*')).toBe(true);
    const renamed = kafkaAclPlan({ ...users, checkout: 'svc-checkout' });
    expect(renamed.filter((acl) => acl.principal === 'User:svc-checkout')).toHaveLength(
      plan.filter((acl) => acl.principal === 'User:checkout').length,
    );
  });

  it('has the admin create every topic an ACL names', () => {
    const named = new Set(
      plan.filter((acl) => acl.resourceType === 'TOPIC').map((a) => a.resourceName),
    );
    expect(new Set(kafkaTopics())).toEqual(named);
  });
});
