import { developmentOnlyText, host, port, url, z } from '@shop/config';

/** Every environment variable the web server reads: its meaning, default and format. */
export const webServerConfigSchema = z.object({
  HTTP_HOST: host(
    '127.0.0.1',
    'Interface the server binds: `127.0.0.1` this machine only, `0.0.0.0` every interface (as in a container).',
  ),
  HTTP_PORT: port(
    5173,
    'Port of the web app (and of the bff behind it, at /graphql and /dev/tokens).',
  ),
  BFF_URL: url(
    'http://127.0.0.1:4000',
    'The bff: `/graphql` and `/dev/tokens` are passed to it, so the browser talks to one origin.',
  ),
  STACK_CONTROL_FILE: developmentOnlyText(
    "The local stack's control file (`<STACK_DATA_DIR>/control.json`: the control API's URL and bearer token), set by the launcher when the stack runs with its fault API: the drills panel at /drills talks to the control API through it. Unset: the drills routes answer 404.",
  ),
});

export type WebServerConfig = z.infer<typeof webServerConfigSchema>;
