import { metadataFor } from '../groups/group-protocol.js';
import { ApiKey } from '../protocol/api-key.js';
import { ErrorCode } from '../protocol/error-codes.js';
import { startResponse, type ApiHandler } from './api-handler.js';

export const describeGroupsHandler: ApiHandler = {
  name: 'DescribeGroups',
  apiKey: ApiKey.DescribeGroups,
  minVersion: 0,
  maxVersion: 2,
  handle(context) {
    const { body, version, broker } = context;
    const groupIds = body.array((reader) => reader.string());
    const out = startResponse(context);
    if (version >= 1) out.int32(0);
    return out.array(groupIds, (writer, groupId) => {
      const group = broker.coordinator.find(groupId);
      const known = group !== undefined || broker.coordinator.offsets.ofGroup(groupId).length > 0;
      // Kafka describes an unknown group as "Dead" rather than failing.
      writer
        .int16(ErrorCode.NONE)
        .string(groupId)
        .string(group?.state ?? (known ? 'Empty' : 'Dead'));
      writer.string(group?.protocolType ?? '');
      const protocolName = group?.state === 'Stable' ? (group.protocolName ?? '') : '';
      writer.string(protocolName);
      writer.array(group ? [...group.members.values()] : [], (memberWriter, member) => {
        memberWriter.string(member.id).string(member.clientId).string(`/${member.clientHost}`);
        memberWriter.bytes(metadataFor(member, protocolName)).bytes(member.assignment);
      });
    });
  },
};
