import { defineConfig } from 'vite';

// React's JSX is compiled by Vite's own transformer (Oxc); no plugin is needed
// for a production build. The browser bundle lands in dist/public, the small
// server that serves it (server/) in dist/server.
export default defineConfig({
  oxc: { jsx: { runtime: 'automatic', importSource: 'react' } },
  build: {
    outDir: 'dist/public',
    emptyOutDir: true,
    sourcemap: true,
    // No inline script or style in index.html: the server's CSP forbids both.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
  },
  server: {
    proxy: { '/graphql': 'http://127.0.0.1:4000', '/dev/tokens': 'http://127.0.0.1:4000' },
  },
});
