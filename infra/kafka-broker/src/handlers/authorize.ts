import { AclOperation, CLUSTER_RESOURCE, ResourceType } from '../auth/acl-authorizer.js';
import type { RequestContext } from './api-handler.js';

export { AclOperation, ResourceType };

/** The request's principal as Kafka names it: `User:<SASL user>`, or `User:ANONYMOUS` without SASL. */
export function principalOf(context: RequestContext): string {
  return `User:${context.session.user ?? 'ANONYMOUS'}`;
}

/** Whether the request may do `operation` on the resource; always, on a broker without an authorizer. */
export function allowed(
  context: RequestContext,
  operation: number,
  resourceType: number,
  name: string,
): boolean {
  const { authorizer } = context.broker;
  return (
    authorizer === undefined ||
    authorizer.authorize(principalOf(context), context.clientHost, operation, resourceType, name)
  );
}

export const allowedOnTopic = (context: RequestContext, operation: number, topic: string) =>
  allowed(context, operation, ResourceType.TOPIC, topic);

export const allowedOnGroup = (context: RequestContext, operation: number, group: string) =>
  allowed(context, operation, ResourceType.GROUP, group);

export const allowedOnCluster = (context: RequestContext, operation: number) =>
  allowed(context, operation, ResourceType.CLUSTER, CLUSTER_RESOURCE);
