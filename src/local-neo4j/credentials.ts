// A new Neo4j has the user neo4j/neo4j with a password that must be changed before any query.
// The local server gets the configured credentials on its first start, over Bolt.
import neo4j, { type Driver } from 'neo4j-driver';
import { openDriver } from '../graph/bolt-driver';
import { LocalNeo4jError } from './server';

const INITIAL_PASSWORD = 'neo4j';

async function canLogIn(uri: string, user: string, password: string): Promise<boolean> {
  const driver = openDriver(uri, neo4j.auth.basic(user, password));
  try {
    // Resolves to false for wrong credentials; throws when the server cannot be asked.
    return await driver.verifyAuthentication({ database: 'system' });
  } catch (e) {
    const code = (e as { code?: string }).code ?? '';
    if (code.includes('Unauthorized') || code.includes('CredentialsExpired')) return false;
    throw e;
  } finally {
    await driver.close();
  }
}

async function run(driver: Driver, query: string, params: Record<string, unknown>) {
  await driver.executeQuery(query, params, { database: 'system' });
}

/** Makes `user`/`password` work on a local server, setting them on its first start. */
export async function ensureLocalCredentials(
  uri: string,
  user: string,
  password: string,
): Promise<void> {
  if (await canLogIn(uri, user, password)) return;
  // neo4j/neo4j with an expired password is only accepted for changing it.
  const first = openDriver(uri, neo4j.auth.basic('neo4j', INITIAL_PASSWORD));
  try {
    const ownPassword = user === 'neo4j' ? password : `${password}-admin`;
    await run(first, `/* setInitialPassword */ ALTER CURRENT USER SET PASSWORD FROM $old TO $new`, {
      old: INITIAL_PASSWORD,
      new: ownPassword,
    });
    if (user !== 'neo4j') {
      const admin = openDriver(uri, neo4j.auth.basic('neo4j', ownPassword));
      try {
        await run(
          admin,
          `/* createLocalUser */ CREATE USER $user IF NOT EXISTS SET PASSWORD $password CHANGE NOT REQUIRED`,
          { user, password },
        );
      } finally {
        await admin.close();
      }
    }
  } catch (e) {
    throw new LocalNeo4jError(
      `The local Neo4j refuses user '${user}' with the configured NEO4J_PASSWORD, and it is not a new ` +
        `server whose password can still be set (${(e as Error).message}). Use the password it was ` +
        'first started with, or delete its data folder (NEO4J_HOME/data) to start afresh.',
    );
  } finally {
    await first.close();
  }
}
