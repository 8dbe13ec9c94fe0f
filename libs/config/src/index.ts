export { configMarkdownTable, describeConfig, type ConfigVariable } from './lib/describe-config.js';
export {
  flag,
  host,
  logLevel,
  nonNegativeInt,
  oneOf,
  port,
  positiveInt,
  text,
  url,
} from './lib/fields.js';
export {
  DEVELOPMENT,
  developmentOnlyFlag,
  developmentOnlyText,
  MIN_SECRET_LENGTH,
  productionProblems,
  secret,
} from './lib/production-rules.js';
export { ConfigError, loadConfig, type ConfigSchema } from './lib/load-config.js';
export { z } from 'zod';
