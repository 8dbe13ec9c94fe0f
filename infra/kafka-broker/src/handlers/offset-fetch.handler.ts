import { ApiKey } from '../protocol/api-key.js';
import { ErrorCode } from '../protocol/error-codes.js';
import { startResponse, type ApiHandler } from './api-handler.js';

export const offsetFetchHandler: ApiHandler = {
  name: 'OffsetFetch',
  apiKey: ApiKey.OffsetFetch,
  minVersion: 1,
  maxVersion: 4,
  handle(context) {
    const { body, version, broker } = context;
    const groupId = body.string();
    const requested = body.nullableArray((topic) => ({
      name: topic.string(),
      partitions: topic.array((partition) => partition.int32()),
    }));
    const offsets = broker.coordinator.offsets;
    // A null topic list (v2+) asks for everything the group committed.
    const topics = requested ?? groupByTopic(offsets.ofGroup(groupId));

    const out = startResponse(context);
    if (version >= 3) out.int32(0);
    out.array(topics, (writer, { name, partitions }) => {
      writer.string(name).array(partitions, (partitionWriter, index) => {
        const committed = offsets.get(groupId, name, index);
        partitionWriter
          .int32(index)
          .int64(committed?.offset ?? -1)
          .string(committed?.metadata ?? '');
        partitionWriter.int16(ErrorCode.NONE);
      });
    });
    if (version >= 2) out.int16(ErrorCode.NONE);
    return out;
  },
};

function groupByTopic(
  committed: readonly { topic: string; partition: number }[],
): { name: string; partitions: number[] }[] {
  const byTopic = new Map<string, number[]>();
  for (const { topic, partition } of committed)
    byTopic.set(topic, [...(byTopic.get(topic) ?? []), partition]);
  return [...byTopic].map(([name, partitions]) => ({ name, partitions }));
}
