// API keys of the requests this broker understands.
export const ApiKey = {
  Produce: 0,
  Fetch: 1,
  ListOffsets: 2,
  Metadata: 3,
  OffsetCommit: 8,
  OffsetFetch: 9,
  FindCoordinator: 10,
  JoinGroup: 11,
  Heartbeat: 12,
  LeaveGroup: 13,
  SyncGroup: 14,
  DescribeGroups: 15,
  ListGroups: 16,
  SaslHandshake: 17,
  ApiVersions: 18,
  CreateTopics: 19,
  DeleteTopics: 20,
  InitProducerId: 22,
  DescribeAcls: 29,
  CreateAcls: 30,
  SaslAuthenticate: 36,
  DescribeConfigs: 32,
} as const;

export type ApiKey = (typeof ApiKey)[keyof typeof ApiKey];
