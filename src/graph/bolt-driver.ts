// The one way this project opens a Neo4j driver: Bolt sockets with Nagle's algorithm off.
//
// The JavaScript driver (5.x) leaves Nagle on. A transaction sends BEGIN and then RUN+PULL (and
// COMMIT) as separate small writes without waiting for answers, so the kernel holds a write back
// until the one before it is acknowledged, and Linux delays that ACK by up to 40 ms. That was the
// stall that made a 3 ms read take 40 to 50 ms in the benchmark. The Python driver sets
// TCP_NODELAY for the same reason. The JavaScript driver offers no option for it, so sockets are
// caught as Node creates them (the documented `net.client.socket` diagnostics channel) and only
// those opened from inside the driver's connection code are changed: nothing global is patched,
// and the subscription lasts only while a driver opened here is open.
//
// Encrypted connections (neo4j+s://, bolt+s://) go through tls.connect, which Node 20 does not
// report on that channel; they keep the driver's default until the driver offers the option.
import dc from 'node:diagnostics_channel';
import type { Socket } from 'node:net';
import neo4j, { type AuthToken, type Config, type Driver } from 'neo4j-driver';

const CHANNEL = 'net.client.socket';
/** Stack frames of the driver's connection code contain this path segment. */
const BOLT_CONNECTION_CODE = /[\\/]neo4j-driver-bolt-connection[\\/]/;

let openDrivers = 0;

function openedByTheDriver(): boolean {
  const stack = new Error().stack ?? '';
  return BOLT_CONNECTION_CODE.test(stack);
}

function onClientSocket(message: unknown): void {
  const socket = (message as { socket?: Socket }).socket;
  if (socket && openedByTheDriver()) socket.setNoDelay(true);
}

function hold(): () => void {
  if (openDrivers++ === 0) dc.subscribe(CHANNEL, onClientSocket);
  let released = false;
  return () => {
    if (released) return;
    released = true;
    if (--openDrivers === 0) dc.unsubscribe(CHANNEL, onClientSocket);
  };
}

/**
 * neo4j.driver with TCP_NODELAY on every plain Bolt socket it opens. Use it for every driver,
 * the benchmark's peers included, so that latencies compare like with like.
 */
export function openDriver(uri: string, auth: AuthToken, config: Config = {}): Driver {
  const release = hold();
  let driver: Driver;
  try {
    driver = neo4j.driver(uri, auth, config);
  } catch (e) {
    release();
    throw e;
  }
  const close = driver.close.bind(driver);
  driver.close = async () => {
    try {
      await close();
    } finally {
      release();
    }
  };
  return driver;
}
