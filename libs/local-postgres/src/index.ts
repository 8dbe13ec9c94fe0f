export {
  startLocalPostgres,
  type LocalPostgres,
  type LocalPostgresOptions,
} from './lib/local-postgres.js';
export { LocalPostgresError } from './lib/local-postgres.error.js';
export { findFreePort } from './lib/port.js';
