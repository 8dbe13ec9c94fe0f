import { ApiKey } from '../protocol/api-key.js';
import { ErrorCode } from '../protocol/error-codes.js';
import { AclOperation, allowedOnCluster, allowedOnGroup } from './authorize.js';
import { defineHandler } from './api-handler.js';

interface ListGroupsRequest {
  /** v4+: only groups in these states (empty: all). */
  readonly statesFilter: readonly string[];
  /** v5+: only groups of these types (empty: all); every group here is "classic". */
  readonly typesFilter: readonly string[];
}

const matches = (filter: readonly string[], value: string) =>
  filter.length === 0 || filter.some((wanted) => wanted.toLowerCase() === value.toLowerCase());

export const listGroupsHandler = defineHandler<ListGroupsRequest>({
  name: 'ListGroups',
  apiKey: ApiKey.ListGroups,
  handle({ statesFilter, typesFilter }, context) {
    const { coordinator } = context.broker;
    // As Kafka: DESCRIBE on the cluster lists every group, otherwise those the principal may describe.
    const everyGroup = allowedOnCluster(context, AclOperation.DESCRIBE);
    const visible = coordinator
      .groupIds()
      .filter((groupId) => everyGroup || allowedOnGroup(context, AclOperation.DESCRIBE, groupId));
    const groups = visible.map((groupId) => {
      const group = coordinator.find(groupId);
      return {
        groupId,
        protocolType: group?.protocolType ?? '',
        groupState: group?.state ?? 'Empty',
        groupType: 'classic',
      };
    });
    return {
      errorCode: ErrorCode.NONE,
      groups: groups.filter(
        (group) => matches(statesFilter, group.groupState) && matches(typesFilter, group.groupType),
      ),
    };
  },
});
