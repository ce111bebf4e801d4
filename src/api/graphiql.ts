// GraphiQL as the API serves it, and the analyst queries it opens with: the seed story, ready to
// run.
import type * as RenderGraphiQL from '@graphql-yoga/render-graphiql';
import type { GraphiQLOptions } from 'graphql-yoga';

// Each line fits the query editor of a 1280-pixel-wide window, half of which is the result.
const WHO_BANNED_WHOM = `# Who acted against which outlet, and why?
query WhoBannedWhom {
  events(filter: {
    types: [AD_BAN, ACCOUNT_RESTRICTION,
      BROADCAST_BAN, RESTRICTIVE_MEASURE]
  }) {
    totalCount
    edges {
      node {
        type
        summary
        occurredOn
        dateNote
        agents: participants(role: AGENT) {
          actor { name kind }
        }
        targets: participants(role: TARGET) {
          actor { name kind }
        }
        justifiedBy {
          type
          summary
          participants(role: AGENT) {
            actor { name }
          }
        }
        evidence { start end text }
      }
    }
  }
}`;

const RESPONSES = `# How did the others answer the ad ban?
query Responses {
  event(id: "Event:twitter-ad-ban-rt-sputnik") {
    summary
    responses {
      type
      summary
      confidence
      participants { role actor { name } }
      quotes { text speaker { name } }
    }
  }
}`;

const WHO_SAID_WHAT = `# Who said what; which claims are disputed?
query WhoSaidWhat {
  actor(id: "Actor:dmitry-peskov") {
    name
    positions { title organization { name } }
    quotes {
      text
      evidence { start end text }
    }
    claims {
      text
      verbatim
      disputes { text claimant { name } }
    }
  }
}`;

const MONEY_AND_SEARCH = `# The money, a search and a path
query MoneyAndSearch {
  events(filter: { types: [DONATION] }) {
    edges {
      node {
        summary
        modality
        amount {
          amount currency evidence { text }
        }
        participants { role actor { name } }
        cameo { code label }
        plover { type mode }
      }
    }
  }
  search(query: "retaliate") {
    score node { __typename id }
  }
  actorPath(
    fromId: "Actor:russian-senator"
    toId: "Actor:us-intelligence-community"
  ) {
    hops
    nodes {
      __typename
      ... on Actor { name }
      ... on Event { type summary }
    }
  }
}`;

export const GRAPHIQL_TABS = [
  { query: WHO_BANNED_WHOM },
  { query: RESPONSES },
  { query: WHO_SAID_WHAT },
  { query: MONEY_AND_SEARCH },
];

export const GRAPHIQL_OPTIONS: GraphiQLOptions = {
  title: 'mediagraph',
  defaultTabs: GRAPHIQL_TABS,
  // No example has variables; the editor gets the height instead (Headers, for an API key, is a
  // click away).
  defaultEditorToolsVisibility: false,
};

// GraphiQL's tabs can be dragged to reorder them, and they open with a drag offset left over from
// their first layout (hundreds of pixels). GraphiQL's own style hides it only while a tab has no
// focus, so pressing a tab moves it away from under the pointer and the click is lost: on a first
// visit, no tab but the last could be opened with one click. Without the offset, dragging still
// reorders the tabs; the dragged tab just does not follow the pointer on its way.
const FIXES = '<style>.graphiql-tab{transform:none!important}</style>';

let rendered: { key: string; page: string } | undefined;

/**
 * GraphiQL's page with all of its code, styles, fonts and editor workers inline, from the
 * installed @graphql-yoga/render-graphiql. Yoga's own page loads them from a public CDN, so
 * offline it never gets past "Loading...".
 */
export function renderGraphiQL(options: GraphiQLOptions): string {
  // Yoga asks for the page on every request, with the same options: the 9 MB page is built
  // once. The package is required here, on the first request for the page, rather than imported
  // at the top: parsing its 9 MB of JavaScript takes a quarter of a second and 34 MB, which the
  // CLI and production mode (no GraphiQL) have no use for.
  const key = JSON.stringify(options);
  if (rendered?.key !== key) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const bundled = require('@graphql-yoga/render-graphiql') as typeof RenderGraphiQL;
    rendered = { key, page: bundled.renderGraphiQL(options).replace('</head>', `${FIXES}</head>`) };
  }
  return rendered.page;
}
