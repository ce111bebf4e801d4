// API keys in the graph: (:ApiKey {id, name, role, hash, createdAt, revokedAt}). Only the hash of
// a key's secret is stored. Creating and revoking a key is audited like any other write.
import { z } from 'zod';
import { ROLES, type NewKey, type Role } from '../auth/keys';
import { recordAudit, type Author } from './audit';
import { defineQuery, runIn, type Graph } from './driver';

/** Key management runs from the CLI, with database access rather than a key. */
export const CLI_AUTHOR: Author = { keyId: 'cli', keyName: 'mediagraph CLI', role: 'ADMIN' };

export const apiKeyRow = z.object({
  id: z.string(),
  name: z.string(),
  role: z.enum(ROLES),
  createdAt: z.string(),
  revokedAt: z.string().nullable(),
});
export type ApiKeyRow = z.infer<typeof apiKeyRow>;

const KEY = `k { .id, .name, .role, createdAt: toString(k.createdAt), revokedAt: toString(k.revokedAt) }`;

const createKey = defineQuery(
  'createApiKey',
  `CREATE (k:ApiKey {id: $id, name: $name, role: $role, hash: $hash, createdAt: datetime.realtime()})
   RETURN ${KEY} AS key`,
  z.object({ key: apiKeyRow }),
);

const listKeys = defineQuery(
  'listApiKeys',
  `MATCH (k:ApiKey) RETURN ${KEY} AS key ORDER BY k.createdAt, k.id`,
  z.object({ key: apiKeyRow }),
);

const revokeKey = defineQuery(
  'revokeApiKey',
  `MATCH (k:ApiKey {id: $id})
   WITH k, k.revokedAt IS NOT NULL AS already
   SET k.revokedAt = coalesce(k.revokedAt, datetime.realtime())
   RETURN ${KEY} AS key, already`,
  z.object({ key: apiKeyRow, already: z.boolean() }),
);

const keyForAuth = defineQuery(
  'apiKeyForAuth',
  `MATCH (k:ApiKey {id: $id}) WHERE k.revokedAt IS NULL RETURN k.name AS name, k.role AS role, k.hash AS hash`,
  z.object({ name: z.string(), role: z.enum(ROLES), hash: z.string() }),
);

export async function storeKey(
  graph: Graph,
  key: NewKey,
  name: string,
  role: Role,
): Promise<ApiKeyRow> {
  return graph.writeTx(async (tx) => {
    const [row] = await runIn(tx, createKey, { id: key.id, name, role, hash: key.hash });
    await recordAudit(tx, CLI_AUTHOR, {
      action: 'createApiKey',
      targetType: 'ApiKey',
      targetId: `ApiKey:${key.id}`,
      note: null,
      before: null,
      after: { name, role },
    });
    return row!.key;
  });
}

export async function listApiKeys(graph: Graph): Promise<ApiKeyRow[]> {
  return (await graph.read(listKeys)).map((r) => r.key);
}

/** Revokes a key; null when there is no key with that id. Revoking twice changes nothing. */
export async function revokeApiKey(
  graph: Graph,
  id: string,
  author: Author = CLI_AUTHOR,
): Promise<ApiKeyRow | null> {
  return graph.writeTx(async (tx) => {
    const [row] = await runIn(tx, revokeKey, { id });
    if (!row) return null;
    if (!row.already) {
      await recordAudit(tx, author, {
        action: 'revokeApiKey',
        targetType: 'ApiKey',
        targetId: `ApiKey:${id}`,
        note: null,
        before: { revoked: false },
        after: { revoked: true },
      });
    }
    return row.key;
  });
}

/** The live (not revoked) key with this id, with its stored hash. */
export async function findLiveKey(
  graph: Graph,
  id: string,
): Promise<{ name: string; role: Role; hash: string } | null> {
  const [row] = await graph.read(keyForAuth, { id });
  return row ?? null;
}
