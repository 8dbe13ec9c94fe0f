// Bare node:http serving, from memory, the exact body checkout answers to GET /v1/courses/:id.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { announcePort, payloadFromEnv } from './baseline-process.js';

const body = Buffer.from(payloadFromEnv());
const server = createServer((_req, res) => {
  res.writeHead(200, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': body.length,
  });
  res.end(body);
});
server.listen(0, '127.0.0.1', () => {
  announcePort((server.address() as AddressInfo).port);
});
