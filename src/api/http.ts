// The HTTP server in front of yoga: it refuses what yoga cannot measure before reading it.
import { createServer, type Server } from 'node:http';
import type { LimitsConfig } from '../config';
import type { Api } from './server';

/** Slow clients (one byte a second) may not hold a connection longer than this. */
const REQUEST_RECEIVE_TIMEOUT_MS = 30_000;

export function createHttpServer(api: Api, limits: LimitsConfig): Server {
  const server = createServer((req, res) => {
    const refuse = (status: number, code: string, message: string) => {
      res.writeHead(status, { 'content-type': 'application/json', connection: 'close' });
      res.end(JSON.stringify({ errors: [{ message, extensions: { code } }] }));
      req.destroy();
    };
    if (req.method === 'POST' && req.headers['content-length'] === undefined) {
      refuse(411, 'LENGTH_REQUIRED', 'A POST needs a Content-Length header.');
      return;
    }
    if (Number(req.headers['content-length'] ?? 0) > limits.maxBodyBytes) {
      refuse(
        413,
        'PAYLOAD_TOO_LARGE',
        `The request body has ${req.headers['content-length']} bytes; at most ${limits.maxBodyBytes} are accepted.`,
      );
      return;
    }
    // yoga is a request listener; the void keeps node:http from seeing a promise.
    void api(req, res);
  });
  server.requestTimeout = REQUEST_RECEIVE_TIMEOUT_MS;
  server.headersTimeout = REQUEST_RECEIVE_TIMEOUT_MS;
  // Idle keep-alive connections outlive a proxy's usual 60 s: with Node's 5 s default, a client
  // that reuses a connection just as the server closes it gets "other side closed".
  server.keepAliveTimeout = 65_000;
  return server;
}
