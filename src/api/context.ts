import type { IncomingMessage } from 'node:http';
import type { Graph } from '../graph/driver';
import type { KeyChecker, Principal } from './access';
import { createLoaders, type Loaders } from './loaders';

/** What node:http hands yoga with each request (absent when tests call yoga.fetch). */
export interface ServerContext {
  req?: IncomingMessage;
}

/** What every resolver receives: the graph, this request's loaders, and who is asking. */
export interface ApiContext {
  graph: Graph;
  loaders: Loaders;
  /** The API key's owner, or null for a request without a key. */
  principal: Principal | null;
  /** The server's key checker, for revocations to take effect here at once. */
  keys: KeyChecker | null;
}

export function createContext(
  graph: Graph,
  principal: Principal | null = null,
  keys: KeyChecker | null = null,
): ApiContext {
  return { graph, loaders: createLoaders(graph), principal, keys };
}
