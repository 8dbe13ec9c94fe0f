import { ApiKey } from '../protocol/api-key.js';
import { ErrorCode } from '../protocol/error-codes.js';
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
  handle({ statesFilter, typesFilter }, { broker }) {
    const { coordinator } = broker;
    const groups = coordinator.groupIds().map((groupId) => {
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
