// The HTTP server in front of yoga: it refuses what yoga cannot measure before reading it, and
// answers what node:http refuses by itself (bad HTTP, headers too large, slow clients) with the
// API's JSON error too.
import { createServer, STATUS_CODES, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { LimitsConfig } from '../config';
import { refusalLine } from './log';
import { errorBody, refusalFor, type Refusal } from './refusals';
import type { Api } from './server';

export interface ReceiveLimit {
  /** How long a client may take to send a request, from its first byte to its body's last. */
  receiveMs: number;
  /**
   * How often node:http looks for clients past that time: a client is cut between `receiveMs`
   * and `receiveMs + checkEveryMs`. Node's default is 30 s, which let a slow client hold its
   * connection for up to 60 s.
   */
  checkEveryMs: number;
}

/** Slow clients (one byte a second) may not hold a connection longer than this. */
export const RECEIVE_LIMIT: ReceiveLimit = { receiveMs: 30_000, checkEveryMs: 1_000 };

/** node:http's refusals by error code; any other parse error is a 400. */
const CLIENT_ERRORS: Record<string, number> = {
  HPE_HEADER_OVERFLOW: 431,
  HPE_CHUNK_EXTENSIONS_OVERFLOW: 413,
  ERR_HTTP_REQUEST_TIMEOUT: 408,
};

export function createHttpServer(
  api: Api,
  limits: LimitsConfig,
  receive: ReceiveLimit = RECEIVE_LIMIT,
): Server {
  // The response in flight on each socket: node:http's refusal may only be written before it.
  const responses = new WeakMap<Socket, ServerResponse>();
  const server = createServer(
    {
      requestTimeout: receive.receiveMs,
      headersTimeout: receive.receiveMs,
      connectionsCheckingInterval: receive.checkEveryMs,
      // Idle keep-alive connections outlive a proxy's usual 60 s: with Node's 5 s default, a
      // client that reuses a connection just as the server closes it gets "other side closed".
      keepAliveTimeout: 65_000,
    },
    (req, res) => {
      responses.set(req.socket, res);
      res.once('finish', () => {
        if (responses.get(req.socket) === res) responses.delete(req.socket);
      });
      const refuse = (status: number, code: string, message: string) => {
        api.logger.info(
          refusalLine('refused', {
            status,
            codes: [code],
            message,
            method: req.method ?? '',
            path: (req.url ?? '').split('?')[0] ?? '',
          }),
        );
        res.writeHead(status, { 'content-type': 'application/json', connection: 'close' });
        res.end(errorBody({ code, message }));
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
    },
  );
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Socket) => {
    // Without a listener node:http answers these itself, with an empty body.
    const status = CLIENT_ERRORS[error.code ?? ''] ?? 400;
    const answerable =
      error.code !== 'ECONNRESET' && socket.writable && !responses.get(socket)?.headersSent;
    if (!answerable) {
      socket.destroy();
      return;
    }
    const refusal: Refusal = refusalFor(status);
    api.logger.info(
      refusalLine('refused', {
        status,
        codes: [refusal.code],
        message: `${refusal.message} (${error.code ?? error.message})`,
      }),
    );
    const body = errorBody(refusal);
    socket.end(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n` +
        'content-type: application/json\r\n' +
        `content-length: ${Buffer.byteLength(body)}\r\n` +
        'connection: close\r\n\r\n' +
        body,
      // A client that never reads or closes must not keep the socket half open.
      () => socket.destroy(),
    );
  });
  return server;
}
