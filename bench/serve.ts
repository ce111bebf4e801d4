// Serving and calling the GraphQL systems over HTTP on the loopback interface, as the benchmark
// measures them: our API in-process (createApi over node:http) and a small JSON client.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApi } from '../src/api/server';
import type { Graph } from '../src/graph/driver';
import type { GraphqlClient } from './queries';

export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

/** Our API over `graph`, served on 127.0.0.1:port (0: any free port). */
export async function startOurApi(opts: { graph: Graph; port: number }): Promise<RunningServer> {
  const api = createApi(opts.graph);
  const server = createServer((req, res) => void api(req, res));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${api.graphqlEndpoint}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((e) => (e ? reject(e) : resolve()));
      }),
  };
}

interface GraphqlResponse {
  data?: unknown;
  errors?: { message: string; extensions?: { code?: string } }[];
}

/** POSTs operations to `url`; any GraphQL error or non-2xx answer is thrown. */
export function httpGraphqlClient(url: string): GraphqlClient {
  return async (document, variables, operationName) => {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ query: document, variables, operationName }),
    });
    const text = await res.text();
    let body: GraphqlResponse;
    try {
      body = JSON.parse(text) as GraphqlResponse;
    } catch {
      throw new Error(`${operationName}: HTTP ${res.status}: ${text.slice(0, 500)}`);
    }
    if (body.errors?.length) {
      const messages = body.errors.map((e) => `${e.message} (${e.extensions?.code ?? 'no code'})`);
      throw new Error(`${operationName}: ${messages.join('; ')}`);
    }
    if (!res.ok || body.data === undefined) {
      throw new Error(`${operationName}: HTTP ${res.status} without data`);
    }
    return body.data;
  };
}
