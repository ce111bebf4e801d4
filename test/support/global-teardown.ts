export default async function globalTeardown(): Promise<void> {
  await globalThis.__MEDIAGRAPH_TEST_NEO4J__?.stop();
}
