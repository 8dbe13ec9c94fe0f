import { sep } from 'node:path';
import helmet from '@fastify/helmet';
import httpProxy from '@fastify/http-proxy';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance } from 'fastify';
import { registerDrillsRoutes } from './drills-routes.js';

/**
 * The content security policy: nothing but the app's own files and its own
 * origin (where /graphql is). No inline script or style, no eval, no framing.
 */
export const CONTENT_SECURITY_POLICY = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  fontSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
  // Served over plain http on loopback: upgrading would break every request.
  upgradeInsecureRequests: null,
};

/**
 * Serves the production build (`root`) and passes `/graphql` and
 * `/dev/tokens` to the bff: one origin, so the browser needs no CORS. With
 * the stack's control file, `/drills/api/…` drive the drills panel.
 * Any other path that is not a file is the app's own route: index.html.
 */
export async function buildWebServer(options: {
  readonly root: string;
  readonly bffUrl: string;
  /** The stack's control file, with the fault API: the drills panel's routes use it (drills-routes.ts). */
  readonly controlFile?: string | undefined;
  readonly logger?: boolean;
}): Promise<FastifyInstance> {
  const app = Fastify({ logger: options.logger ?? false });
  await app.register(helmet, {
    contentSecurityPolicy: { useDefaults: false, directives: CONTENT_SECURITY_POLICY },
    // The app loads nothing from another origin.
    crossOriginEmbedderPolicy: true,
  });
  for (const prefix of ['/graphql', '/dev/tokens']) {
    await app.register(httpProxy, {
      upstream: options.bffUrl,
      prefix,
      rewritePrefix: prefix,
      // The bff's own answers (4xx included) pass through as they are; no answer
      // from it at all is a 502 that says so, not the proxy's bare 500.
      replyOptions: {
        onError: (reply, { error }) => {
          void reply
            .code(502)
            .type('application/problem+json')
            .send({
              type: 'about:blank',
              title: 'Bad Gateway',
              status: 502,
              detail: `the bff did not answer (${error.message})`,
            });
        },
      },
    });
  }
  registerDrillsRoutes(app, options.controlFile);
  app.get('/health/live', () => ({ status: 'ok' }));
  app.get('/health/ready', () => ({ status: 'ok' }));
  await app.register(fastifyStatic, {
    root: options.root,
    // Hashed file names: a new build is a new name, so they may be cached for good.
    setHeaders: (res, path) => {
      res.header(
        'cache-control',
        path.includes(`${sep}assets${sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache',
      );
    },
  });
  app.setNotFoundHandler((request, reply) => {
    const wantsPage =
      request.method === 'GET' && (request.headers.accept ?? '').includes('text/html');
    if (wantsPage) return reply.header('cache-control', 'no-cache').sendFile('index.html');
    return reply
      .code(404)
      .type('application/problem+json')
      .send({
        type: 'about:blank',
        title: 'Not Found',
        status: 404,
        detail: `${request.url} is not here`,
      });
  });
  return app;
}
