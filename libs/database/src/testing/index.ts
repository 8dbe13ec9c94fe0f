export {
  createMigratedDatabase,
  prismaHistoryProblems,
  type DatabaseServer,
} from './migrated-database.js';
