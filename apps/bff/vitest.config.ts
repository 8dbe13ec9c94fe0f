import { mergeConfig } from 'vitest/config';
import { projectTestConfig } from '../../vitest.shared.js';

// Node resolves `graphql` to its CommonJS build, the one Apollo Gateway uses;
// Vite would pick its ES build, and graphql refuses a schema of one build in
// the functions of the other. Tests resolve it the way production does.
export default mergeConfig(projectTestConfig(), {
  resolve: { alias: [{ find: /^graphql$/, replacement: 'graphql/index.js' }] },
});
