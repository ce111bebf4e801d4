// `mediagraph keys create|list|revoke`: API key management, for whoever can reach the database.
// A new key is printed once, on stdout, and stored only as a hash.
import { newKey, parseRole, ROLES } from '../auth/keys';
import { listApiKeys, revokeApiKey, storeKey } from '../graph/api-keys';
import type { Graph } from '../graph/driver';

export const KEYS_USAGE = `keys create --name NAME --role reader|editor|admin
  keys list
  keys revoke ID`;

export class KeysUsageError extends Error {}

function option(args: string[], name: string): string | null {
  const i = args.indexOf(`--${name}`);
  const value = i >= 0 ? args[i + 1] : undefined;
  return value === undefined || value.startsWith('--') ? null : value;
}

export async function keysCommand(
  graph: Graph,
  args: string[],
  log: (line: string) => void,
): Promise<void> {
  const [action, ...rest] = args;
  switch (action) {
    case 'create': {
      const name = option(rest, 'name');
      const role = parseRole(option(rest, 'role') ?? '');
      if (!name || name.length > 200) {
        throw new KeysUsageError('keys create needs --name NAME (at most 200 characters)');
      }
      if (!role) {
        throw new KeysUsageError(
          `keys create needs --role, one of ${ROLES.join(', ').toLowerCase()}`,
        );
      }
      const key = newKey();
      const row = await storeKey(graph, key, name, role);
      log(`Created API key ${row.id} '${row.name}' with the ${row.role} role.`);
      log('It is shown this once and stored only as a hash: keep it now.');
      log(key.token);
      return;
    }
    case 'list': {
      const keys = await listApiKeys(graph);
      if (keys.length === 0) log('No API keys yet: mediagraph keys create --name NAME --role ROLE');
      for (const k of keys) {
        const state = k.revokedAt ? `revoked ${k.revokedAt}` : 'active';
        log(`${k.id}  ${k.role.padEnd(6)}  ${state.padEnd(40)}  created ${k.createdAt}  ${k.name}`);
      }
      return;
    }
    case 'revoke': {
      const id = rest[0];
      if (!id) throw new KeysUsageError('keys revoke needs the key id (see keys list)');
      const row = await revokeApiKey(graph, id);
      if (!row) throw new KeysUsageError(`there is no API key with id '${id}' (see keys list)`);
      log(`Revoked API key ${row.id} '${row.name}' (${row.revokedAt}).`);
      return;
    }
    default:
      throw new KeysUsageError(`usage: mediagraph ${KEYS_USAGE}`);
  }
}
