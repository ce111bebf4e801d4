// The audit log: one AuditRecord node per write, created inside the write's own transaction so
// a write and its record are committed together or not at all.
import type { ManagedTransaction } from 'neo4j-driver';
import { z } from 'zod';
import { ROLES } from '../auth/keys';
import { defineQuery, runIn, type Graph } from './driver';

/** Who makes a write: the API key, or the CLI for key management. */
export interface Author {
  keyId: string;
  keyName: string;
  role: (typeof ROLES)[number];
}

export interface AuditEntry {
  action: string;
  targetType: string;
  /** The API's global id of the target, e.g. Event:twitter-ad-ban. */
  targetId: string;
  note: string | null;
  before: unknown;
  after: unknown;
}

const createRecord = defineQuery(
  'createAuditRecord',
  `CREATE (r:AuditRecord {id: randomUUID(), at: datetime.realtime()})
   SET r += $record
   RETURN r.id AS id, toString(r.at) AS at`,
  z.object({ id: z.string(), at: z.string() }),
);

/** Records a write in the caller's transaction. Values are stored as JSON text. */
export async function recordAudit(
  tx: ManagedTransaction,
  author: Author,
  entry: AuditEntry,
): Promise<{ id: string; at: string }> {
  const [row] = await runIn(tx, createRecord, {
    record: {
      keyId: author.keyId,
      keyName: author.keyName,
      role: author.role,
      action: entry.action,
      targetType: entry.targetType,
      targetId: entry.targetId,
      note: entry.note,
      before: JSON.stringify(entry.before ?? null),
      after: JSON.stringify(entry.after ?? null),
    },
  });
  return row!;
}

const json = z.string().transform((s): unknown => JSON.parse(s));

export const auditRow = z.object({
  id: z.string(),
  at: z.string(),
  keyId: z.string(),
  keyName: z.string(),
  role: z.enum(ROLES),
  action: z.string(),
  targetType: z.string(),
  targetId: z.string(),
  note: z.string().nullable(),
  before: json,
  after: json,
});
export type AuditRow = z.infer<typeof auditRow>;

const AUDIT = `r { .id, at: toString(r.at), .keyId, .keyName, .role, .action, .targetType, .targetId, .note, .before, .after }`;

// Newest first; the keyset (at, id) continues after the last record of the page before.
const auditPage = defineQuery(
  'auditPage',
  `MATCH (r:AuditRecord)
   WHERE ($targetId IS NULL OR r.targetId = $targetId)
     AND ($afterAt IS NULL OR r.at < datetime($afterAt) OR (r.at = datetime($afterAt) AND r.id < $afterId))
   RETURN ${AUDIT} AS row
   ORDER BY r.at DESC, r.id DESC
   LIMIT toInteger($limit)`,
  z.object({ row: auditRow }),
);

const auditCount = defineQuery(
  'auditCount',
  `MATCH (r:AuditRecord) WHERE $targetId IS NULL OR r.targetId = $targetId RETURN count(r) AS n`,
  z.object({ n: z.number() }),
);

export async function readAuditPage(
  graph: Graph,
  targetId: string | null,
  limit: number,
  after: { key: string; id: string } | null,
): Promise<AuditRow[]> {
  const rows = await graph.read(auditPage, {
    targetId,
    limit,
    afterAt: after?.key ?? null,
    afterId: after?.id ?? null,
  });
  return rows.map((r) => r.row);
}

export async function countAudit(graph: Graph, targetId: string | null): Promise<number> {
  const [row] = await graph.read(auditCount, { targetId });
  return row?.n ?? 0;
}
