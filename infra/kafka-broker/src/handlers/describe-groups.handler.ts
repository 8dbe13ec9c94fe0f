import { metadataFor } from '../groups/group-protocol.js';
import { ApiKey } from '../protocol/api-key.js';
import { ErrorCode } from '../protocol/error-codes.js';
import { AclOperation, allowedOnGroup } from './authorize.js';
import { defineHandler } from './api-handler.js';

export const describeGroupsHandler = defineHandler<{ readonly groups: readonly string[] }>({
  name: 'DescribeGroups',
  apiKey: ApiKey.DescribeGroups,
  handle({ groups }, context) {
    const { version, broker } = context;
    return {
      groups: groups.map((groupId) => {
        if (!allowedOnGroup(context, AclOperation.DESCRIBE, groupId))
          return {
            errorCode: ErrorCode.GROUP_AUTHORIZATION_FAILED,
            errorMessage: null,
            groupId,
            groupState: '',
            protocolType: '',
            protocolData: '',
            members: [],
          };
        const group = broker.coordinator.find(groupId);
        const known = group !== undefined || broker.coordinator.offsets.ofGroup(groupId).length > 0;
        const protocolData = group?.state === 'Stable' ? (group.protocolName ?? '') : '';
        // Kafka describes an unknown group as "Dead"; from v6 also with GROUP_ID_NOT_FOUND (KIP-1043).
        const notFound = version >= 6 && !known;
        return {
          errorCode: notFound ? ErrorCode.GROUP_ID_NOT_FOUND : ErrorCode.NONE,
          errorMessage: notFound ? `Group ${groupId} not found.` : null,
          groupId,
          groupState: group?.state ?? (known ? 'Empty' : 'Dead'),
          protocolType: group?.protocolType ?? '',
          protocolData,
          members: [...(group?.members.values() ?? [])].map((member) => ({
            memberId: member.id,
            groupInstanceId: member.groupInstanceId,
            clientId: member.clientId,
            clientHost: `/${member.clientHost}`,
            memberMetadata: metadataFor(member, protocolData),
            memberAssignment: member.assignment,
          })),
        };
      }),
    };
  },
});
