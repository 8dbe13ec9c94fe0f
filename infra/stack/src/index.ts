export { PortInUseError } from './lib/ports.js';
export { findRepoRoot } from './lib/repo-root.js';
export { APPS, BROKERS, type AppName } from './lib/stack-components.js';
export { stackConfigSchema, type StackConfig } from './lib/stack.config.js';
export { startStack, type RunningStack, type StartStackOptions } from './lib/start-stack.js';
