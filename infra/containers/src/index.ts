export { OFFICIAL_IMAGES, STAND_IN_IMAGES, type ImageName } from './images.js';
export {
  composeVariables,
  interpolate,
  readComposeFile,
  type ComposeFile,
  type ComposeService,
} from './compose/compose-file.js';
export { composeSchemaValidator } from './compose/compose-schema.js';
