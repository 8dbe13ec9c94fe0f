import { createAclsHandler, describeAclsHandler } from './acls.handlers.js';
import type { ApiHandler } from './api-handler.js';
import { apiVersionsHandler } from './api-versions.handler.js';
import { createTopicsHandler } from './create-topics.handler.js';
import { deleteTopicsHandler } from './delete-topics.handler.js';
import { describeConfigsHandler } from './describe-configs.handler.js';
import { describeGroupsHandler } from './describe-groups.handler.js';
import { fetchHandler } from './fetch.handler.js';
import { findCoordinatorHandler } from './find-coordinator.handler.js';
import { heartbeatHandler } from './heartbeat.handler.js';
import { initProducerIdHandler } from './init-producer-id.handler.js';
import { joinGroupHandler } from './join-group.handler.js';
import { leaveGroupHandler } from './leave-group.handler.js';
import { listGroupsHandler } from './list-groups.handler.js';
import { listOffsetsHandler } from './list-offsets.handler.js';
import { metadataHandler } from './metadata.handler.js';
import { offsetCommitHandler } from './offset-commit.handler.js';
import { offsetFetchHandler } from './offset-fetch.handler.js';
import { produceHandler } from './produce.handler.js';
import { saslAuthenticateHandler, saslHandshakeHandler } from './sasl.handlers.js';
import { syncGroupHandler } from './sync-group.handler.js';

/** Every API this broker answers, by key. Transactions are deliberately absent. */
export const API_HANDLERS: ReadonlyMap<number, ApiHandler> = new Map(
  [
    produceHandler,
    fetchHandler,
    listOffsetsHandler,
    metadataHandler,
    offsetCommitHandler,
    offsetFetchHandler,
    findCoordinatorHandler,
    joinGroupHandler,
    heartbeatHandler,
    leaveGroupHandler,
    syncGroupHandler,
    describeGroupsHandler,
    listGroupsHandler,
    apiVersionsHandler,
    createTopicsHandler,
    deleteTopicsHandler,
    initProducerIdHandler,
    describeConfigsHandler,
    describeAclsHandler,
    createAclsHandler,
    saslHandshakeHandler,
    saslAuthenticateHandler,
  ].map((handler) => [handler.apiKey, handler]),
);
