// The GraphQL API: yoga over the schema in schema/, with /health, /ready and GraphiQL, behind
// the access checks and limits of docs/security.md.
import { useDisableIntrospection } from '@graphql-yoga/plugin-disable-introspection';
import {
  createYoga,
  useReadinessCheck,
  type YogaLogger,
  type YogaServerInstance,
} from 'graphql-yoga';
import { loadConfig, type Config } from '../config';
import type { Graph } from '../graph/driver';
import { KeyChecker, unauthenticated } from './access';
import { useBrowserAssets } from './browser-assets';
import { useExportDownload } from './export-download';
import { createContext, type ApiContext, type ServerContext } from './context';
import { maskError } from './errors';
import { GRAPHIQL_OPTIONS, renderGraphiQL } from './graphiql';
import { useBodyLimit, useRequestGuards, useRequestTimeout } from './limits';
import { createApiLogger } from './log';
import { useDocumentLimits, useOperationLimits } from './query-limits';
import { useRefusals } from './refusals';
import { useRootRedirect } from './root-redirect';
import { graphTraceOf, useServerTiming } from './server-timing';
import { buildSchema } from './schema';
import { useWellFormedText } from './text-input';

export type Api = YogaServerInstance<ServerContext, ApiContext>;

export type ApiSettings = Pick<
  Config,
  'production' | 'access' | 'limits' | 'queryTimeoutMs' | 'logLevel'
>;

/**
 * The settings of an unconfigured environment: what tests and benchmarks run with. They send
 * refusals on purpose, so their log keeps to warnings and errors.
 */
export function defaultApiSettings(): ApiSettings {
  return loadConfig({ LOG_LEVEL: 'warn' });
}

export function createApi(
  graph: Graph,
  settings: ApiSettings = defaultApiSettings(),
  logger: YogaLogger = createApiLogger(settings.logLevel),
): Api {
  const { production, access, limits } = settings;
  const keys = new KeyChecker(graph, access);
  return createYoga<ServerContext, ApiContext>({
    schema: buildSchema(),
    context: async ({ request, req }) => {
      const principal = await keys.admit(
        request.headers.get('authorization'),
        req?.socket.remoteAddress ?? 'local',
      );
      if (!principal && access.readsNeedKey) {
        throw unauthenticated('This API needs an API key: send "Authorization: Bearer <key>".');
      }
      return createContext(graph.traced(graphTraceOf(request)), principal, keys);
    },
    maskedErrors: { maskError: (error, message) => maskError(error, message, !production) },
    graphiql: production ? false : GRAPHIQL_OPTIONS,
    renderGraphiQL,
    // One operation per request: a batch would multiply every limit below by its length.
    batching: false,
    landingPage: false,
    logging: logger,
    plugins: [
      useServerTiming(),
      useRefusals(logger),
      useBodyLimit(limits.maxBodyBytes),
      useRequestGuards(),
      useDocumentLimits(limits.maxTokens),
      useRequestTimeout(settings.queryTimeoutMs),
      useOperationLimits(limits, production),
      useWellFormedText(),
      ...(production ? [useDisableIntrospection()] : []),
      useBrowserAssets(),
      useRootRedirect(),
      useExportDownload(graph, keys, access),
      // /ready answers 503 while Neo4j cannot be reached; /health (liveness) is yoga's own.
      useReadinessCheck({
        endpoint: '/ready',
        check: async () => graph.ping(),
      }),
    ],
  });
}
