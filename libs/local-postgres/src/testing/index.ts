export { startTestPostgres, type TestPostgres } from './test-postgres.js';
export { startRestartablePostgres, type RestartablePostgres } from './restartable-postgres.js';
