// Neo4j Browser as an analyst meets it: it connects to the tests' Neo4j, plays the guide the API
// serves, applies the style from the guide's first slide, and draws the seed story with
// captions that say what each node is, in full, in the style's colours.
import type { Browser, Page } from 'playwright-core';
import type { Graph } from '../../src/graph/driver';
import { loadSeeds, wipe } from '../support/graph-fixtures';
import { TEST_NEO4J, testGraph } from '../support/test-db';
import { launchChromium, screenshot, serveApi, type ServedApi } from './chromium';

const BROWSER_URL = `http://127.0.0.1:${TEST_NEO4J.httpPort}/browser/`;

let graph: Graph;
let browser: Browser;
let served: ServedApi;
let page: Page;

beforeAll(async () => {
  graph = testGraph();
  await wipe(graph);
  await loadSeeds(graph);
  browser = await launchChromium();
  served = await serveApi(graph);
  page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
}, 120_000);

afterAll(async () => {
  await page?.close();
  await browser?.close();
  await served?.close();
  await graph?.close();
});

/** Types a command into Browser's editor and runs it; resolves when its frame has appeared. */
async function run(command: string): Promise<void> {
  const frames = await page.locator('[data-testid="frame"]').count();
  const editor = page.locator('[data-testid="activeEditor"]');
  await editor.click();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(command);
  await page.keyboard.press('Control+Enter');
  await page.waitForFunction(
    (n) => document.querySelectorAll('[data-testid="frame"]').length > n,
    frames,
  );
}

interface DrawnNode {
  caption: string;
  fill: string | null;
}

/** The nodes of the newest graph frame: each one's caption lines joined, and its fill colour. */
async function drawnNodes(count: number): Promise<DrawnNode[]> {
  const frame = page.locator('[data-testid="frame"]').first();
  await frame
    .locator('svg g.node')
    .nth(count - 1)
    .waitFor();
  // The layout keeps moving for a moment; captions are set at once, colours too.
  await page.waitForTimeout(3000);
  return frame.locator('svg g.node').evaluateAll((nodes) =>
    nodes.map((n) => ({
      caption: Array.from(n.querySelectorAll('text'))
        .map((t) => t.textContent ?? '')
        .filter((t) => t.length > 0)
        .join(' ')
        .replace(/\s+/g, ' ')
        .trim(),
      fill: n.querySelector('circle.b-outline')?.getAttribute('fill') ?? null,
    })),
  );
}

test('Browser connects to the tests’ Neo4j', async () => {
  await page.goto(BROWSER_URL);
  await page.locator('[data-testid="username"]').waitFor({ timeout: 60_000 });
  const address = page.locator('[data-testid="boltaddress"]');
  await address.fill(`127.0.0.1:${TEST_NEO4J.boltPort}`);
  await page.locator('[data-testid="username"]').fill('neo4j');
  await page.locator('[data-testid="password"]').fill(TEST_NEO4J.password);
  await page.locator('[data-testid="connect"]').click();
  await page.getByText('You are connected as user').first().waitFor({ timeout: 60_000 });
  await screenshot(page, 'browser-connected');
});

/**
 * Plays a guide, which opens in the sidebar rather than in a frame. Browser reads the hosts it
 * may fetch from (the server's allowlist) a moment after it connects, and until then allows only
 * its defaults: a guide asked for in that moment is refused, and is asked for again.
 */
async function playGuide(url: string, title: string): Promise<void> {
  const drawer = page.locator('[data-testid="guidesDrawer"]');
  for (let attempt = 1; ; attempt++) {
    const editor = page.locator('[data-testid="activeEditor"]');
    await editor.click();
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Delete');
    await page.keyboard.insertText(`:guide ${url}`);
    await page.keyboard.press('Control+Enter');
    const shown = drawer.getByText(title).or(drawer.getByText('Remote guide error'));
    await shown.first().waitFor({ timeout: 30_000 });
    if (await drawer.getByText(title).count()) return;
    if (attempt === 5) throw new Error(`Browser refused the guide ${url} five times`);
    await page.waitForTimeout(1000);
  }
}

test('plays the guide the API serves, in one column, with the style command first', async () => {
  await playGuide(`${served.origin}/browser/guide.html`, 'The story in the graph');
  const drawer = page.locator('[data-testid="guidesDrawer"]');
  const styleCommand = `:style ${served.origin}/browser/mediagraph.grass`;
  await drawer.getByText(styleCommand).waitFor();
  // The title is whole: one column leaves it the drawer's width.
  const title = drawer.locator('h3', { hasText: 'The story in the graph' });
  const fits = await title.evaluate((h) => h.scrollWidth <= h.clientWidth + 1);
  expect(fits).toBe(true);
  await screenshot(page, 'browser-guide');
});

test('applies the style with the command on the guide’s first slide', async () => {
  await run(`:style ${served.origin}/browser/mediagraph.grass`);
  const frame = page.locator('[data-testid="frame"]').first();
  await frame.getByText('node.Sanction').first().waitFor({ timeout: 30_000 });
  await expect(frame.getByText('Hostname is not allowed').count()).resolves.toBe(0);
  await screenshot(page, 'browser-style');
});

test('draws the story with whole captions in the style’s colours', async () => {
  // The guide closed, as a reader would to see the graph wider.
  await page.locator('[data-testid="navigationGuides"]').click();
  await run('MATCH (art:Article)-[r:REPORTS]->(e:Event) RETURN art, r, e');
  const nodes = await drawnNodes(15);
  await screenshot(page, 'browser-story');
  const byCaption = new Map(nodes.map((n) => [n.caption, n.fill]));
  expect([...byCaption.keys()].sort()).toEqual(
    [
      'TASS · 2017-10-27',
      'AD BAN · Twitter',
      'CRITICISM · Dmitry Peskov',
      'CRITICISM · Russian journalists’ union',
      'APPEAL · Dmitry Peskov',
      'STATEMENT · Twitter',
      'INQUIRY · Twitter',
      'ACCUSATION · US Intelligence Community',
      'ELECTION · United States',
      'DONATION · Twitter',
      'VOW TO RETALIATE · unnamed Russian deputy minister',
      'PROTEST · unnamed Russian senator',
      'MEASURE · United States',
      'VOW TO RETALIATE · Russia',
      'DENIAL · Dmitry Peskov',
    ].sort(),
  );
  expect(byCaption.get('AD BAN · Twitter')).toBe('#D62728');
  expect(byCaption.get('PROTEST · unnamed Russian senator')).toBe('#F4D03F');
  expect(byCaption.get('ELECTION · United States')).toBe('#D9D9D9');
  expect(byCaption.get('TASS · 2017-10-27')).toBe('#37474F');
  const sizes = await page
    .locator('[data-testid="frame"]')
    .first()
    .locator('svg g.relationship text')
    .evaluateAll((ts) => ts.map((t) => t.getAttribute('font-size')));
  expect(sizes.length).toBeGreaterThan(0);
  expect(sizes.every((s) => Number.parseFloat(s ?? '0') >= 10)).toBe(true);
});

test('draws quotes and claims by speaker and opening words, actors by name in their kind’s colour', async () => {
  await run("MATCH (a:Actor {id:'dmitry-peskov'})-[r:SAID|CLAIMS]->(x) RETURN a, r, x");
  const nodes = await drawnNodes(7);
  await screenshot(page, 'browser-peskov');
  const byCaption = new Map(nodes.map((n) => [n.caption, n.fill]));
  expect([...byCaption.keys()].sort()).toEqual(
    [
      'Dmitry Peskov',
      'Dmitry Peskov: "We regret it. …"',
      'Dmitry Peskov: "arouse anxiety and …"',
      'Dmitry Peskov: "We hope that …"',
      'Dmitry Peskov: "work of independent …"',
      'Dmitry Peskov: "the company is, …"',
      'Dmitry Peskov: "Twitter thus set …"',
    ].sort(),
  );
  expect(byCaption.get('Dmitry Peskov')).toBe('#0F7C8C');
});

test('draws every actor, quote and claim of the seed with its whole caption', async () => {
  const session = graph.driver.session({ database: graph.database });
  let expected: string[];
  try {
    const result = await session.run(
      `MATCH (n) WHERE n:Actor OR n:Quote OR n:Claim
       RETURN CASE WHEN n:Actor THEN n.name ELSE n.caption END AS caption`,
    );
    expected = result.records.map((r) => r.get('caption') as string).sort();
  } finally {
    await session.close();
  }
  await run('MATCH (n) WHERE n:Actor OR n:Quote OR n:Claim RETURN n');
  const nodes = await drawnNodes(expected.length);
  // 25 nodes in a frame of the default height are drawn small: a reader makes it full screen.
  const frame = page.locator('[data-testid="frame"]').first();
  await frame.locator('[title="Fullscreen"]').first().click();
  await frame.locator('[aria-label="zoom-to-fit"]').click();
  await page.waitForTimeout(1500);
  await screenshot(page, 'browser-actors-quotes-claims');
  expect(nodes.map((n) => n.caption).sort()).toEqual(expected);
});
