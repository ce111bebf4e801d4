// The stylesheet reader the exports take their colours and captions from.
import { readFileSync } from 'node:fs';
import {
  GRASS_FILE,
  GrassError,
  nodeColor,
  parseGrass,
  relationshipColor,
} from '../../src/export/grass';

test('reads every colour and caption of the project stylesheet', () => {
  const text = readFileSync(GRASS_FILE, 'utf8');
  const style = parseGrass(text);
  const rules = [...text.matchAll(/^(node|relationship)(?:\.(\w+))? \{/gm)];
  expect(style.nodeColors.size + style.relationshipColors.size).toBe(rules.length);
  expect(style.captions.get('Actor')).toBe('name');
  expect(style.captions.get('Event')).toBe('caption');
});

test('the most specific label with a colour wins, then the node rule', () => {
  const style = parseGrass(`node { color: #010203; }
node.Event { color: #A5ABB6; caption: '{type}'; }
node.Sanction { color: #D62728; }
relationship.AGENT { color: #2A2C34; }`);
  expect(nodeColor(style, ['Sanction', 'Event'])).toEqual({ r: 214, g: 39, b: 40, hex: '#d62728' });
  expect(nodeColor(style, ['Protest', 'Event']).hex).toBe('#a5abb6');
  expect(nodeColor(style, ['Quote']).hex).toBe('#010203');
  expect(relationshipColor(style, 'AGENT')?.hex).toBe('#2a2c34');
  expect(relationshipColor(style, 'SAID')).toBeNull();
});

test('a colour that is not #rrggbb is refused, naming the file, the rule and the value', () => {
  expect(() => parseGrass('node { color: #fff; }', 'mediagraph.grass')).toThrow(
    new GrassError("mediagraph.grass: node color: '#fff' is not a colour of the form #rrggbb"),
  );
  expect(() => parseGrass('node.Event { color: #A5ABB6; }', 'x.grass')).toThrow(
    /x.grass: no 'node \{ color: ... \}' rule/,
  );
});
