// Refused requests: every 4xx answers with the API's JSON error, whoever refused it (our checks,
// yoga, or node:http in http.ts), and every refusal is one line in the log.
import type { Plugin, YogaLogger } from 'graphql-yoga';
import type { ServerContext } from './context';
import { refusalLine, type LoggedRefusal } from './log';

export interface Refusal {
  status: number;
  code: string;
  message: string;
}

/** What yoga and node:http refuse with no body of their own, in words a client can act on. */
const BY_STATUS: Record<number, Omit<Refusal, 'status'>> = {
  400: { code: 'BAD_REQUEST', message: 'The request is not valid HTTP.' },
  404: { code: 'NOT_FOUND', message: 'Nothing is served here: the GraphQL API is at /graphql.' },
  406: {
    code: 'NOT_ACCEPTABLE',
    message: 'Answers are application/graphql-response+json or application/json only.',
  },
  408: {
    code: 'REQUEST_TIMEOUT',
    message: 'The request was not received in time: it was closed.',
  },
  413: { code: 'PAYLOAD_TOO_LARGE', message: 'The request is too large.' },
  415: {
    code: 'UNSUPPORTED_MEDIA_TYPE',
    message:
      'The body must be application/json (or application/graphql, a form, or multipart form data).',
  },
  431: {
    code: 'HEADERS_TOO_LARGE',
    message: 'The request line and headers are too large (the URL of a GET counts): use a POST.',
  },
};

export function refusalFor(status: number): Refusal {
  return { status, ...(BY_STATUS[status] ?? { code: 'BAD_REQUEST', message: 'Refused.' }) };
}

export function errorBody(r: Pick<Refusal, 'code' | 'message'>): string {
  return JSON.stringify({ errors: [{ message: r.message, extensions: { code: r.code } }] });
}

/** The responses made here, so that the log can name their code without reading them. */
const made = new WeakMap<Response, Refusal>();

export function refusalResponse(
  FetchResponse: typeof Response,
  r: Refusal,
  headers?: Headers,
): Response {
  // Kept from the answer replaced: its CORS headers, and what it says it accepts (406).
  const kept: Record<string, string> = {};
  headers?.forEach((value, name) => {
    if (name !== 'content-type' && name !== 'content-length') kept[name] = value;
  });
  const response = new FetchResponse(errorBody(r), {
    status: r.status,
    headers: { ...kept, 'content-type': 'application/json; charset=utf-8' },
  });
  made.set(response, r);
  return response;
}

interface ResultError {
  message?: string;
  extensions?: { code?: unknown; unexpected?: unknown };
}

function errorsOf(result: unknown): ResultError[] {
  return [result]
    .flat()
    .flatMap((r) => ((r as { errors?: unknown } | null)?.errors as ResultError[]) ?? []);
}

/** Expected failures that are not the client's doing: logged as warnings. */
const FAILURES = new Set(['DATABASE_UNAVAILABLE', 'QUERY_TIMEOUT']);

/**
 * Gives every 4xx the API's JSON error (yoga answers 415 and 404 with no body, 406 too) and logs
 * one line for each request refused or failed. Unexpected errors are not logged here: yoga logs
 * them at error level with their stack.
 */
export function useRefusals(logger: YogaLogger): Plugin<object, ServerContext> {
  const errorsByRequest = new WeakMap<Request, ResultError[]>();
  return {
    onResultProcess({ request, result }) {
      const errors = errorsOf(result);
      if (errors.length > 0) errorsByRequest.set(request, errors);
    },
    onResponse(payload) {
      const { request, response, fetchAPI, serverContext } = payload;
      let answer = response;
      const { status } = answer;
      if (
        status >= 400 &&
        status < 500 &&
        !/json/i.test(answer.headers.get('content-type') ?? '')
      ) {
        answer = refusalResponse(fetchAPI.Response, refusalFor(status), answer.headers);
        payload.setResponse(answer);
      }
      const refusal = made.get(answer);
      const errors =
        errorsByRequest.get(request) ??
        (refusal ? [{ message: refusal.message, extensions: { code: refusal.code } }] : []);
      // A connection node:http has cut (a slow client, see http.ts) was logged there; what yoga
      // makes of the body cut short reaches no one.
      if (errors.length === 0 || serverContext.req?.socket.destroyed) return;
      const codes = [
        ...new Set(
          errors.map((e) =>
            typeof e.extensions?.code === 'string' ? e.extensions.code : 'NO_CODE',
          ),
        ),
      ];
      if (errors.some((e) => e.extensions?.unexpected) || codes.includes('INTERNAL_SERVER_ERROR')) {
        return;
      }
      const line: LoggedRefusal = {
        status,
        codes,
        message: errors[0]?.message ?? '',
        method: request.method,
        path: new URL(request.url).pathname,
      };
      if (codes.some((c) => FAILURES.has(c))) logger.warn(refusalLine('failed', line));
      else logger.info(refusalLine('refused', line));
    },
  };
}
