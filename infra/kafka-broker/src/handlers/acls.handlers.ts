import { AclAuthorizer, type AclBinding } from '../auth/acl-authorizer.js';
import { ApiKey } from '../protocol/api-key.js';
import { ErrorCode } from '../protocol/error-codes.js';
import { defineHandler, type RequestContext } from './api-handler.js';
import { AclOperation, allowedOnCluster } from './authorize.js';

interface CreateAclsRequest {
  readonly creations: readonly {
    resourceType: number;
    resourceName: string;
    resourcePatternType: number;
    principal: string;
    host: string;
    operation: number;
    permissionType: number;
  }[];
}

interface DescribeAclsRequest {
  readonly resourceTypeFilter: number;
  readonly resourceNameFilter: string | null;
  readonly patternTypeFilter: number;
  readonly principalFilter: string | null;
  readonly hostFilter: string | null;
  readonly operation: number;
  readonly permissionType: number;
}

const NO_AUTHORIZER = 'No Authorizer is configured.';

// Without an authorizer Kafka answers SECURITY_DISABLED; without ALTER (create)
// or DESCRIBE (describe) on the cluster, CLUSTER_AUTHORIZATION_FAILED.
function refusal(context: RequestContext, operation: number): [ErrorCode, string] | undefined {
  if (context.broker.authorizer === undefined) return [ErrorCode.SECURITY_DISABLED, NO_AUTHORIZER];
  if (!allowedOnCluster(context, operation))
    return [ErrorCode.CLUSTER_AUTHORIZATION_FAILED, 'Cluster authorization failed.'];
  return undefined;
}

export const createAclsHandler = defineHandler<CreateAclsRequest>({
  name: 'CreateAcls',
  apiKey: ApiKey.CreateAcls,
  handle({ creations }, context) {
    const refused = refusal(context, AclOperation.ALTER);
    return {
      results: creations.map((creation) => {
        if (refused) return { errorCode: refused[0], errorMessage: refused[1] };
        const binding: AclBinding = {
          resourceType: creation.resourceType,
          resourceName: creation.resourceName,
          patternType: creation.resourcePatternType,
          principal: creation.principal,
          host: creation.host,
          operation: creation.operation,
          permission: creation.permissionType,
        };
        const invalid = AclAuthorizer.invalid(binding);
        if (invalid !== undefined)
          return { errorCode: ErrorCode.INVALID_REQUEST, errorMessage: invalid };
        context.broker.authorizer?.add(binding);
        return { errorCode: ErrorCode.NONE, errorMessage: null };
      }),
    };
  },
});

export const describeAclsHandler = defineHandler<DescribeAclsRequest>({
  name: 'DescribeAcls',
  apiKey: ApiKey.DescribeAcls,
  handle(request, context) {
    const refused = refusal(context, AclOperation.DESCRIBE);
    if (refused) return { errorCode: refused[0], errorMessage: refused[1], resources: [] };
    const found =
      context.broker.authorizer?.describe({
        resourceType: request.resourceTypeFilter,
        resourceName: request.resourceNameFilter,
        patternType: request.patternTypeFilter,
        principal: request.principalFilter,
        host: request.hostFilter,
        operation: request.operation,
        permission: request.permissionType,
      }) ?? [];
    // Grouped by resource pattern, as Kafka answers.
    const byResource = new Map<string, AclBinding[]>();
    for (const acl of found) {
      const key = JSON.stringify([acl.resourceType, acl.resourceName, acl.patternType]);
      byResource.set(key, [...(byResource.get(key) ?? []), acl]);
    }
    return {
      errorCode: ErrorCode.NONE,
      errorMessage: null,
      resources: [...byResource.values()].map((acls) => ({
        resourceType: acls[0]?.resourceType,
        resourceName: acls[0]?.resourceName,
        patternType: acls[0]?.patternType,
        acls: acls.map((acl) => ({
          principal: acl.principal,
          host: acl.host,
          operation: acl.operation,
          permissionType: acl.permission,
        })),
      })),
    };
  },
});
