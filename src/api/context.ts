import type { Graph } from '../graph/driver';
import { createLoaders, type Loaders } from './loaders';

/** What every resolver receives: the graph, and this request's loaders. */
export interface ApiContext {
  graph: Graph;
  loaders: Loaders;
}

export function createContext(graph: Graph): ApiContext {
  return { graph, loaders: createLoaders(graph) };
}
