export { OFFICIAL_IMAGES, STAND_IN_IMAGES, type ImageName } from './images.js';
export {
  composeVariables,
  interpolate,
  readComposeFile,
  type ComposeFile,
  type ComposeService,
} from './compose/compose-file.js';
export { composeSchemaValidator } from './compose/compose-schema.js';
export {
  startContainerInfrastructure,
  type ContainerInfrastructure,
  type ContainerInfrastructureOptions,
  type ImageSet,
} from './testcontainers/container-infrastructure.js';
export { ContainerComponent } from './testcontainers/container-component.js';
export { ContainerEngineUnavailableError } from './testcontainers/container-engine.js';
export { LABELS as CONTAINER_LABELS } from './testcontainers/run-labels.js';
