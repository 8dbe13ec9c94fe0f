export { OFFICIAL_IMAGES, STAND_IN_IMAGES, type ImageName } from './images.js';
