// Serves the Neo4j Browser guide and stylesheet from the API. Browser fetches a guide from
// another origin (`:guide http://127.0.0.1:4000/browser/guide.html`), so it needs CORS: yoga's
// own CORS handling answers the preflight and adds the headers to these responses too.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Plugin } from 'graphql-yoga';
import { PROJECT_ROOT } from '../config';

const ASSETS: Record<string, { file: string; type: string }> = {
  '/browser/guide.html': { file: 'guide.html', type: 'text/html; charset=utf-8' },
  '/browser/mediagraph.grass': { file: 'mediagraph.grass', type: 'text/plain; charset=utf-8' },
};

// The guide's `:style` command names the API as Browser reached it, so that it works on any host
// and port; a Host header that is not a plain host[:port] gets the default address instead.
const ORIGIN_MARK = '{{API_ORIGIN}}';
const DEFAULT_ORIGIN = 'http://127.0.0.1:4000';
const PLAIN_ORIGIN = /^https?:\/\/[A-Za-z0-9.-]+(:\d{1,5})?$/;

function apiOrigin(url: URL): string {
  return PLAIN_ORIGIN.test(url.origin) ? url.origin : DEFAULT_ORIGIN;
}

export function useBrowserAssets(dir = path.join(PROJECT_ROOT, 'browser')): Plugin {
  // Read once: they are small, and a missing file should fail at start, not on first request.
  const bodies = new Map(
    Object.entries(ASSETS).map(([route, a]) => [
      route,
      { body: readFileSync(path.join(dir, a.file), 'utf8'), type: a.type },
    ]),
  );
  return {
    onRequest(payload) {
      const { request, url, fetchAPI } = payload;
      const asset = bodies.get(url.pathname);
      if (!asset || (request.method !== 'GET' && request.method !== 'HEAD')) return;
      const body = asset.body.replaceAll(ORIGIN_MARK, apiOrigin(url));
      payload.endResponse(
        new fetchAPI.Response(body, { status: 200, headers: { 'content-type': asset.type } }),
      );
    },
  };
}
