// The GraphQL API: yoga over the schema in schema/, with /health, /ready and GraphiQL.
import { createYoga, useReadinessCheck, type YogaServerInstance } from 'graphql-yoga';
import type { Graph } from '../graph/driver';
import { useBrowserAssets } from './browser-assets';
import { createContext, type ApiContext } from './context';
import { maskError } from './errors';
import { GRAPHIQL_TABS } from './graphiql';
import { buildSchema } from './schema';

export type Api = YogaServerInstance<Record<string, unknown>, ApiContext>;

export function createApi(graph: Graph): Api {
  return createYoga<Record<string, unknown>, ApiContext>({
    schema: buildSchema(),
    context: () => createContext(graph),
    maskedErrors: { maskError },
    graphiql: {
      title: 'mediagraph',
      defaultQuery: GRAPHIQL_TABS[0]?.query,
      defaultTabs: GRAPHIQL_TABS,
    },
    landingPage: false,
    logging: 'warn',
    plugins: [
      useBrowserAssets(),
      // /ready answers 503 while Neo4j cannot be reached; /health (liveness) is yoga's own.
      useReadinessCheck({
        endpoint: '/ready',
        check: async () => graph.ping(),
      }),
    ],
  });
}
