export {
  createMigratedDatabase,
  prismaHistoryProblems,
  type DatabaseServer,
} from './migrated-database.js';
export { recordSqlStatements, type SqlStatementRecorder } from './sql-statements.recorder.js';
export { statementOutcome } from './statement-outcome.js';
