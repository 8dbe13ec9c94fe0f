// The preload of every app: `node --import @shop/tracing/register dist/main.js`.
// It must run before the app's first import so that instrumentations can patch
// the packages the app imports. Without an OTLP endpoint it starts no tracing.
// The two marks are the first start-up phases the platform logs once the app
// listens (libs/platform/src/lib/service/startup-phases.ts).
import { enableCompileCache } from 'node:module';
import { performance } from 'node:perf_hooks';

performance.mark('shop:preload-start');
// V8 keeps the code it compiles on disk (NODE_COMPILE_CACHE, else
// <tmpdir>/node-compile-cache) and the next start skips compiling it again;
// the platform flushes it once the app listens. NODE_DISABLE_COMPILE_CACHE=1 turns it off.
enableCompileCache();
const { startTracing } = await import('./lib/sdk/start-tracing.js');
await startTracing(process.env, process.argv[1]);
performance.mark('shop:tracing-ready');
