// `/` sends a browser on to `/graphql`, where the API is: GraphiQL in development, and in
// production (GraphiQL off) the API's own answer that a query is needed, which says more about
// this address than a bare 404 would.
//
// 302, a temporary redirect: browsers keep a permanent one (301, 308) for good, so it would
// outlive a change of mode or of what `/` serves, and a redirect of GET and HEAD alone needs
// none of 307's promise to keep the method. Other methods on `/` get the 404 they got before,
// so a client that POSTs a query to the wrong address learns that rather than being forwarded.
import type { Plugin } from 'graphql-yoga';

export function useRootRedirect(graphqlEndpoint = '/graphql'): Plugin {
  return {
    onRequest(payload) {
      const { request, url, fetchAPI } = payload;
      if (url.pathname !== '/' || (request.method !== 'GET' && request.method !== 'HEAD')) return;
      // The query string goes along: `/?query=...` opens GraphiQL on that query.
      payload.endResponse(
        new fetchAPI.Response(null, {
          status: 302,
          headers: { location: `${graphqlEndpoint}${url.search}` },
        }),
      );
    },
  };
}
