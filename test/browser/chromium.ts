// The browser tests drive Debian's own Chromium (package `chromium`) through playwright-core,
// which brings no browser of its own. CHROMIUM_PATH names another binary.
import { existsSync, mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { defaultApiSettings } from '../../src/api/server';
import { createHttpServer } from '../../src/api/http';
import { loadConfig, PROJECT_ROOT } from '../../src/config';
import type { Graph } from '../../src/graph/driver';
import { createApi } from '../support/graph-fixtures';
import { testEnv } from '../support/test-db';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];

export const SCREENSHOTS_DIR = path.join(PROJECT_ROOT, 'var', 'screenshots');

function chromiumPath(): string {
  const chosen = process.env.CHROMIUM_PATH ?? CANDIDATES.find((p) => existsSync(p));
  if (!chosen || !existsSync(chosen)) {
    throw new Error(
      `No Chromium found (looked for ${process.env.CHROMIUM_PATH ?? CANDIDATES.join(', ')}). ` +
        'Install Debian\'s "chromium" package, or set CHROMIUM_PATH.',
    );
  }
  return chosen;
}

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    // Root in CI has no user namespaces for Chromium's sandbox.
    args: ['--no-sandbox', '--disable-dev-shm-usage'],
  });
}

/** Saves what the page shows to var/screenshots/NAME.png and returns the file's path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS_DIR, { recursive: true });
  const file = path.join(SCREENSHOTS_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: false });
  return file;
}

export interface ServedApi {
  /** e.g. http://127.0.0.1:40123 */
  origin: string;
  close(): Promise<void>;
}

/** The API over real HTTP on a free port, in development mode (GraphiQL on), over `graph`. */
export async function serveApi(graph: Graph): Promise<ServedApi> {
  const config = loadConfig(testEnv());
  const api = createApi(graph, { ...defaultApiSettings(), production: false });
  const server = createHttpServer(api, config.limits);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((e) => (e ? reject(e) : resolve()));
      }),
  };
}
