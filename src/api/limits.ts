// Limits on the request around the document (query-limits.ts): the body's size, the request's
// time, and parameters that are not JSON.
import { GraphQLError, type ExecutionResult } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { refusalResponse } from './refusals';

/**
 * Refuses a body larger than `maxBytes` by its Content-Length before reading it. A body sent
 * without one (chunked) is refused by the HTTP server (see http.ts), so none goes unmeasured.
 */
export function useBodyLimit(maxBytes: number): Plugin {
  return {
    onRequest(payload) {
      const length = Number(payload.request.headers.get('content-length') ?? '0');
      if (length > maxBytes) {
        payload.endResponse(
          refusalResponse(payload.fetchAPI.Response, {
            status: 413,
            code: 'PAYLOAD_TOO_LARGE',
            message: `The request body has ${length} bytes; at most ${maxBytes} are accepted.`,
          }),
        );
      }
    },
  };
}

/**
 * Ends a request's execution after `ms`. Every Neo4j transaction has the same timeout, so the
 * work still running behind an answered request stops by itself soon after.
 */
export function useRequestTimeout(ms: number): Plugin {
  return {
    onExecute({ executeFn, setExecuteFn }) {
      setExecuteFn(async (args) => {
        let timer: NodeJS.Timeout | undefined;
        const timeout = new Promise<ExecutionResult>((resolve) => {
          timer = setTimeout(
            () =>
              resolve({
                errors: [
                  new GraphQLError(`The request took longer than its time limit of ${ms} ms.`, {
                    extensions: { code: 'QUERY_TIMEOUT' },
                  }),
                ],
              }),
            ms,
          );
        });
        try {
          return await Promise.race([executeFn(args) as Promise<ExecutionResult>, timeout]);
        } finally {
          clearTimeout(timer);
        }
      });
    },
  };
}

function badRequest(message: string): GraphQLError {
  return new GraphQLError(message, {
    extensions: { code: 'BAD_REQUEST', http: { status: 400 } },
  });
}

/**
 * Requests yoga would answer with a 500: variables or extensions that are not JSON (yoga's
 * parser lets JSON.parse's SyntaxError through).
 */
export function useRequestGuards(): Plugin {
  return {
    onRequestParse({ requestParser, setRequestParser }) {
      if (!requestParser) return;
      setRequestParser(async (request) => {
        try {
          return await requestParser(request);
        } catch (e) {
          if (e instanceof SyntaxError) throw badRequest(`The request is not valid: ${e.message}`);
          throw e;
        }
      });
    },
  };
}
