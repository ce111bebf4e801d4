// Colours and captions of the Neo4j Browser style (browser/mediagraph.grass), read when an export
// starts: the stylesheet stays the one place that says what colour a kind of node has, and a
// Gephi graph looks like the Browser's.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../config';

export const GRASS_FILE = path.join(PROJECT_ROOT, 'browser', 'mediagraph.grass');

export interface Rgb {
  r: number;
  g: number;
  b: number;
  hex: string;
}

export interface GrassStyle {
  /** Colour by node label ('' for the `node` rule every label falls back to). */
  nodeColors: ReadonlyMap<string, Rgb>;
  /** Colour by relationship type ('' for the plain `relationship` rule). */
  relationshipColors: ReadonlyMap<string, Rgb>;
  /** The property a label's caption shows, from `caption: '{name}'`. */
  captions: ReadonlyMap<string, string>;
}

export class GrassError extends Error {}

function rgb(hex: string): Rgb {
  const n = Number.parseInt(hex.slice(1), 16);
  return { r: (n >> 16) & 255, g: (n >> 8) & 255, b: n & 255, hex: hex.toLowerCase() };
}

/** Parses the rules `node.Label { ... }` and `relationship.TYPE { ... }` of a grass stylesheet. */
export function parseGrass(text: string, file = 'mediagraph.grass'): GrassStyle {
  const nodeColors = new Map<string, Rgb>();
  const relationshipColors = new Map<string, Rgb>();
  const captions = new Map<string, string>();
  // Comments would hide braces from the rule pattern: drop them first.
  const source = text.replace(/\/\*[\s\S]*?\*\//g, '');
  // A caption holds braces of its own ('{name}'): quoted text is skipped over whole.
  const rule = /(node|relationship)(?:\.([A-Za-z_][A-Za-z0-9_]*))?\s*\{((?:'[^']*'|[^}'])*)\}/g;
  for (const m of source.matchAll(rule)) {
    const [, what, name = '', body = ''] = m;
    const selector = name ? `${what}.${name}` : what!;
    for (const p of body.matchAll(/([a-z-]+)\s*:\s*([^;]*);/g)) {
      const [, prop, raw = ''] = p;
      const value = raw.trim();
      if (prop === 'color') {
        if (!/^#[0-9a-fA-F]{6}$/.test(value)) {
          throw new GrassError(
            `${file}: ${selector} color: '${value}' is not a colour of the form #rrggbb`,
          );
        }
        (what === 'node' ? nodeColors : relationshipColors).set(name, rgb(value));
      } else if (prop === 'caption' && what === 'node') {
        const property = /^'\{([A-Za-z_][A-Za-z0-9_]*)\}'$/.exec(value)?.[1];
        if (property) captions.set(name, property);
      }
    }
  }
  if (!nodeColors.has('')) {
    throw new GrassError(`${file}: no 'node { color: ... }' rule, which every label falls back to`);
  }
  return { nodeColors, relationshipColors, captions };
}

export function readGrass(file = GRASS_FILE): GrassStyle {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new GrassError(`${file}: cannot be read (${(e as Error).message})`);
  }
  return parseGrass(text, path.basename(file));
}

/** The colour of the first label (most specific first) that has one, else the `node` rule's. */
export function nodeColor(style: GrassStyle, labels: readonly string[]): Rgb {
  for (const l of labels) {
    const c = style.nodeColors.get(l);
    if (c) return c;
  }
  return style.nodeColors.get('')!;
}

export function relationshipColor(style: GrassStyle, type: string): Rgb | null {
  return style.relationshipColors.get(type) ?? style.relationshipColors.get('') ?? null;
}
