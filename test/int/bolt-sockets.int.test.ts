// Every Bolt socket our driver opens has Nagle's algorithm off (src/graph/bolt-driver.ts). With
// it on, a transaction's second small write waits for a delayed ACK: 40 ms on a 3 ms read. The
// setting itself is asserted, not a timing, so the test cannot pass by luck on a quiet machine.
import dc from 'node:diagnostics_channel';
import net, { type Socket } from 'node:net';
import { z } from 'zod';
import { defineQuery } from '../../src/graph/driver';
import { testConfig, testGraph } from '../support/test-db';

interface Watched {
  socket: Socket;
  noDelay: boolean[];
}

const watched: Watched[] = [];

/** Subscribed before any driver here, so it sees each socket before the driver's hook does. */
function watch(message: unknown): void {
  const socket = (message as { socket: Socket }).socket;
  const entry: Watched = { socket, noDelay: [] };
  const setNoDelay = socket.setNoDelay.bind(socket);
  socket.setNoDelay = (noDelay?: boolean) => {
    entry.noDelay.push(noDelay ?? true);
    return setNoDelay(noDelay);
  };
  watched.push(entry);
}

const boltPort = Number(new URL(testConfig().neo4j.uri).port);

function toBolt(): Watched[] {
  return watched.filter((w) => w.socket.remotePort === boltPort);
}

const threeRows = defineQuery(
  'testThreeRows',
  'UNWIND range(1, 3) AS x RETURN x',
  z.object({ x: z.number() }),
);

beforeAll(() => dc.subscribe('net.client.socket', watch));
afterAll(() => dc.unsubscribe('net.client.socket', watch));
beforeEach(() => {
  watched.length = 0;
});

test('reads and writes go over sockets with TCP_NODELAY set', async () => {
  const graph = testGraph();
  try {
    expect(await graph.read(threeRows)).toEqual([{ x: 1 }, { x: 2 }, { x: 3 }]);
    await graph.write(threeRows);
    const sockets = toBolt();
    expect(sockets.length).toBeGreaterThan(0);
    for (const s of sockets) expect(s.noDelay).toEqual([true]);
  } finally {
    await graph.close();
  }
});

test('a socket opened outside the driver is left as its owner made it', async () => {
  const graph = testGraph();
  try {
    await graph.read(threeRows);
    const own = net.connect(boltPort, '127.0.0.1');
    await new Promise<void>((resolve, reject) => {
      own.once('connect', resolve);
      own.once('error', reject);
    });
    own.destroy();
    const mine = watched.find((w) => w.socket === own);
    expect(mine?.noDelay).toEqual([]);
  } finally {
    await graph.close();
  }
});
