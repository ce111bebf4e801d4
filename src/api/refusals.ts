// Refused requests: every 4xx answers with the API's JSON error, whoever refused it (our checks,
// yoga, or node:http in http.ts).
import type { Plugin } from 'graphql-yoga';

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
  return new FetchResponse(errorBody(r), {
    status: r.status,
    headers: { ...kept, 'content-type': 'application/json; charset=utf-8' },
  });
}

/** Gives every 4xx the API's JSON error: yoga answers 415 and 404 with no body, 406 too. */
export function useRefusals(): Plugin {
  return {
    onResponse(payload) {
      const { response, fetchAPI } = payload;
      const { status } = response;
      if (
        status >= 400 &&
        status < 500 &&
        !/json/i.test(response.headers.get('content-type') ?? '')
      ) {
        payload.setResponse(
          refusalResponse(fetchAPI.Response, refusalFor(status), response.headers),
        );
      }
    },
  };
}
