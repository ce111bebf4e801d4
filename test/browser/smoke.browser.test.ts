// The harness itself: Chromium starts, reaches the API over HTTP and saves what it shows.
import { existsSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { testGraph } from '../support/test-db';
import { launchChromium, screenshot, serveApi, type ServedApi } from './chromium';

const graph = testGraph();
let browser: Browser;
let served: ServedApi;

beforeAll(async () => {
  browser = await launchChromium();
  served = await serveApi(graph);
});

afterAll(async () => {
  await browser?.close();
  await served?.close();
  await graph.close();
});

test('Chromium loads the API health page and saves a screenshot', async () => {
  const page = await browser.newPage();
  const res = await page.goto(`${served.origin}/health`);
  expect(res?.status()).toBe(200);
  const file = await screenshot(page, 'health');
  expect(existsSync(file)).toBe(true);
  await page.close();
});
