// A Server-Timing header on every GraphQL answer: how long parsing, validation and execution took,
// and how many reads and writes went to Neo4j in how long. Browsers show it in their network
// panel and any HTTP client prints it, so a slow request can be taken apart without a profiler,
// and a resolver that starts reading once per item shows as a read count that grows.
import type { Plugin } from 'graphql-yoga';
import { GraphTrace } from '../graph/driver';

interface RequestTrace {
  graph: GraphTrace;
  phases: [name: string, ms: number][];
}

const traces = new WeakMap<Request, RequestTrace>();

function traceOf(request: Request): RequestTrace {
  let trace = traces.get(request);
  if (!trace) {
    trace = { graph: new GraphTrace(), phases: [] };
    traces.set(request, trace);
  }
  return trace;
}

/** The database counter of this request, for the context to hand its graph view. */
export function graphTraceOf(request: Request): GraphTrace {
  return traceOf(request).graph;
}

function timed(request: Request | undefined, name: string): () => void {
  const started = performance.now();
  return () => {
    if (request) traceOf(request).phases.push([name, performance.now() - started]);
  };
}

const ms = (x: number) => x.toFixed(1);

export function serverTimingHeader(trace: RequestTrace): string {
  const { reads, writes } = trace.graph;
  const what = [`${reads} read${reads === 1 ? '' : 's'}`];
  if (writes > 0) what.push(`${writes} write${writes === 1 ? '' : 's'}`);
  return [
    ...trace.phases.map(([name, t]) => `${name};dur=${ms(t)}`),
    `db;dur=${ms(trace.graph.ms)};desc="${what.join(', ')}"`,
  ].join(', ');
}

export function useServerTiming(): Plugin<{ request?: Request }> {
  return {
    onParse: ({ context }) => timed(context.request, 'parse'),
    onValidate: ({ context }) => timed(context.request, 'validate'),
    onExecute: ({ args }) => {
      const done = timed((args.contextValue as { request?: Request }).request, 'execute');
      return { onExecuteDone: done };
    },
    onResponse({ request, response }) {
      const trace = traces.get(request);
      if (trace && trace.phases.length > 0) {
        response.headers.set('Server-Timing', serverTimingHeader(trace));
      }
    },
  };
}
