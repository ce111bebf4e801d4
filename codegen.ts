import type { CodegenConfig } from '@graphql-codegen/cli';

// Resolver types come from the SDL in schema/: the schema is written once, here only read.
const config: CodegenConfig = {
  schema: 'schema/*.graphql',
  generates: {
    'src/generated/graphql.ts': {
      plugins: ['typescript', 'typescript-resolvers'],
      config: {
        contextType: '../api/context#ApiContext',
        useTypeImports: true,
        enumsAsTypes: true,
        strictScalars: true,
        scalars: { Date: 'string', JSON: 'unknown' },
        mappers: {
          Article: '../graph/rows#ArticleRow',
          Actor: '../graph/rows#ActorRow',
          Event: '../graph/rows#EventRow',
          Quote: '../graph/rows#QuoteRow',
          Claim: '../graph/rows#ClaimRow',
          Position: '../graph/rows#PositionRow',
          Participant: '../graph/rows#ParticipantRow',
          EventLink: '../graph/rows#EventLinkRow',
          Evidence: '../graph/rows#EvidenceRow',
          Money: '../graph/rows#MoneyRow',
          ExternalFact: '../graph/rows#ExternalFactRow',
          EventConnection: '../api/connection#EventConnectionModel',
          ArticleConnection: '../api/connection#ArticleConnectionModel',
          ActorConnection: '../api/connection#ActorConnectionModel',
          SearchHit: '../search/snippets#SearchHitModel',
          SearchSnippet: '../search/snippets#SnippetModel',
          ActorPath: '../graph/rows#ActorPathRow',
          AuditRecord: '../graph/audit#AuditRow',
          ApiKey: '../graph/api-keys#ApiKeyRow',
          AuditRecordConnection: '../api/connection#AuditConnectionModel',
          IngestArticlePayload: '../ingest/ingest-article#IngestResult',
          IngestTextPayload: '../ingest/ingest-text#IngestTextResult',
          CurationReport: '../graph/keep-curation#CurationReport as CurationReportModel',
          CurationNote: '../graph/keep-curation#CurationNote as CurationNoteModel',
          JoinedEvent: '../ingest/match#JoinNote',
          PossibleDuplicatePair: '../graph/reads/duplicates#DuplicatePairRow',
          PossibleDuplicate: '../graph/reads/duplicates#DuplicateRow',
          PossibleDuplicatePairConnection: '../api/connection#DuplicateConnectionModel',
        },
      },
    },
  },
};
export default config;
