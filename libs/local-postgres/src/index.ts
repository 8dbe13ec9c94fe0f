export {
  startLocalPostgres,
  type LocalPostgres,
  type LocalPostgresOptions,
} from './lib/local-postgres.js';
export { DataDirUnreachableError, LocalPostgresError } from './lib/local-postgres.error.js';
export { findFreePort } from './lib/port.js';
