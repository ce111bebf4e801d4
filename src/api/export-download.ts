// GET /export?format=...&filter=...: the exports of docs/export.md as a download, for whoever
// may read through the API (the same key check as GraphQL reads). The file is streamed as it is
// read from Neo4j; the client's reading speed holds the export back.
import { PassThrough, Readable } from 'node:stream';
import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { AccessConfig } from '../config';
import type { Graph } from '../graph/driver';
import { ExportInputError, parseExportFilter } from '../export/filter';
import {
  downloadName,
  FILE_FORMATS,
  FORMAT_INFO,
  isFileFormat,
  writeExport,
} from '../export/formats';
import { NO_PROGRESS } from '../export/output';
import type { KeyChecker } from './access';
import { unauthenticated } from './access';
import type { ServerContext } from './context';
import { refusalResponse } from './refusals';

export const EXPORT_PATH = '/export';

export function useExportDownload(
  graph: Graph,
  keys: KeyChecker,
  access: AccessConfig,
): Plugin<object, ServerContext> {
  return {
    onRequest(payload) {
      const { request, url, fetchAPI, serverContext } = payload;
      if (url.pathname !== EXPORT_PATH) return;
      const refuse = (status: number, code: string, message: string, headers?: Headers) =>
        payload.endResponse(refusalResponse(fetchAPI.Response, { status, code, message }, headers));
      if (request.method !== 'GET' && request.method !== 'HEAD') {
        refuse(
          405,
          'METHOD_NOT_ALLOWED',
          'The export is a GET.',
          new Headers({ allow: 'GET, HEAD' }),
        );
        return;
      }
      // yoga waits for this hook: the key check and the response come before anything else runs.
      return answer(request, url, serverContext.req?.socket.remoteAddress ?? 'local').then(
        (response) => payload.endResponse(response),
        (e: unknown) => {
          if (!(e instanceof GraphQLError)) throw e;
          const http = e.extensions.http;
          payload.endResponse(
            refusalResponse(
              fetchAPI.Response,
              {
                status: http?.status ?? 401,
                code: typeof e.extensions.code === 'string' ? e.extensions.code : 'UNAUTHENTICATED',
                message: e.message,
              },
              new Headers(http?.headers ?? {}),
            ),
          );
        },
      );

      async function answer(req: Request, u: URL, address: string): Promise<Response> {
        const principal = await keys.admit(req.headers.get('authorization'), address);
        if (!principal && access.readsNeedKey) {
          throw unauthenticated('This API needs an API key: send "Authorization: Bearer <key>".');
        }
        const format = u.searchParams.get('format') ?? '';
        if (!isFileFormat(format)) {
          return refusalResponse(fetchAPI.Response, {
            status: 400,
            code: 'BAD_USER_INPUT',
            message: `format: '${format}' is not one of ${FILE_FORMATS.join(', ')}`,
          });
        }
        let filter;
        try {
          filter = parseExportFilter(u.searchParams.get('filter'), 'filter');
        } catch (e) {
          if (!(e instanceof ExportInputError)) throw e;
          return refusalResponse(fetchAPI.Response, {
            status: 400,
            code: 'BAD_USER_INPUT',
            message: `${e.field}: ${e.reason}`,
          });
        }
        const headers = {
          'content-type': FORMAT_INFO[format].contentType,
          'content-disposition': `attachment; filename="${downloadName(format)}"`,
          'cache-control': 'no-store',
        };
        if (req.method === 'HEAD') return new fetchAPI.Response(null, { status: 200, headers });
        const body = new PassThrough();
        // A failure once the file has begun cannot change the status: the stream is cut, and the
        // client sees a transfer that did not finish.
        writeExport(graph, format, filter, body, NO_PROGRESS).then(
          () => body.end(),
          (e: unknown) => body.destroy(e instanceof Error ? e : new Error(String(e))),
        );
        return new fetchAPI.Response(Readable.toWeb(body) as ReadableStream<Uint8Array>, {
          status: 200,
          headers,
        });
      }
    },
  };
}
