// The tracing preload of every app: `node --import @shop/tracing/register dist/main.js`.
// It must run before the app's first import so that instrumentations can patch
// the packages the app imports. Without an OTLP endpoint it does nothing.
// The two marks are the first start-up phases the platform logs once the app
// listens (libs/platform/src/lib/service/startup-phases.ts).
import { performance } from 'node:perf_hooks';
import { startTracing } from './lib/sdk/start-tracing.js';

performance.mark('shop:preload-start');
await startTracing(process.env, process.argv[1]);
performance.mark('shop:tracing-ready');
