// The analyst queries GraphiQL opens with: the seed story, ready to run.
const WHO_BANNED_WHOM = `# Who acted against which outlet, and on what grounds?
query WhoBannedWhom {
  events(filter: { types: [AD_BAN, ACCOUNT_RESTRICTION, BROADCAST_BAN, RESTRICTIVE_MEASURE] }) {
    totalCount
    edges {
      node {
        type
        summary
        occurredOn
        dateNote
        agents: participants(role: AGENT) { actor { name kind } }
        targets: participants(role: TARGET) { actor { name kind } }
        justifiedBy { type summary participants(role: AGENT) { actor { name } } }
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

const WHO_SAID_WHAT = `# Who said what, and which claims dispute each other?
query WhoSaidWhat {
  actor(id: "Actor:dmitry-peskov") {
    name
    positions { title organization { name } }
    quotes { text evidence { start end text } }
    claims { text verbatim disputes { text claimant { name } } }
  }
}`;

const MONEY_AND_SEARCH = `# The money, where it comes from, and a full-text search
query MoneyAndSearch {
  events(filter: { types: [DONATION] }) {
    edges {
      node {
        summary
        modality
        amount { amount currency evidence { text } }
        participants { role actor { name } }
        cameo { code label }
        plover { type mode }
      }
    }
  }
  search(query: "retaliate") { score node { __typename id } }
  actorPath(fromId: "Actor:russian-senator", toId: "Actor:us-intelligence-community") {
    hops
    nodes { __typename ... on Actor { name } ... on Event { type summary } }
  }
}`;

export const GRAPHIQL_TABS = [
  { query: WHO_BANNED_WHOM },
  { query: RESPONSES },
  { query: WHO_SAID_WHAT },
  { query: MONEY_AND_SEARCH },
];
