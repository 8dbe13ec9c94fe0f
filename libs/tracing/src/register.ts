// The tracing preload of every app: `node --import @shop/tracing/register dist/main.js`.
// It must run before the app's first import so that instrumentations can patch
// the packages the app imports. Without an OTLP endpoint it does nothing.
import { startTracing } from './lib/sdk/start-tracing.js';

await startTracing(process.env, process.argv[1]);
