// GEXF 1.2 (gexf.net), Gephi's own format: labels as the node's label attribute, colours as
// viz:color, every other column a declared attribute.
import type { XMLDocumentCB } from 'xmlbuilder';
import type { XmlGraphWriter } from './graph-export';
import { NODE_COLUMNS, NUMBER_COLUMNS, type ExportEdge, type ExportNode } from './subgraph';

/** Node columns written as attvalues: id and label are the element's own attributes. */
const ATTRIBUTES = NODE_COLUMNS.filter((c) => c !== 'id' && c !== 'label');

function viz(xml: XMLDocumentCB, rgb: ExportNode['rgb'] | null): void {
  if (rgb) xml.ele('viz:color', { r: rgb.r, g: rgb.g, b: rgb.b }).up();
}

export const gexfWriter: XmlGraphWriter = {
  open(xml) {
    xml.ele('gexf', {
      xmlns: 'http://www.gexf.net/1.2draft',
      'xmlns:viz': 'http://www.gexf.net/1.2draft/viz',
      version: '1.2',
    });
    xml.ele('meta').ele('creator', {}, 'mediagraph').up().up();
    xml.ele('graph', { defaultedgetype: 'directed', mode: 'static' });
    xml.ele('attributes', { class: 'node' });
    for (const c of ATTRIBUTES) {
      xml
        .ele('attribute', { id: c, title: c, type: NUMBER_COLUMNS.has(c) ? 'double' : 'string' })
        .up();
    }
    xml.up();
    xml.ele('attributes', { class: 'edge' });
    xml.ele('attribute', { id: 'type', title: 'type', type: 'string' }).up();
    xml.ele('attribute', { id: 'color', title: 'color', type: 'string' }).up();
    xml.up();
    xml.ele('nodes');
  },
  node(xml, n: ExportNode) {
    xml.ele('node', { id: n.values.id, label: String(n.values.label ?? n.values.id) });
    xml.ele('attvalues');
    for (const c of ATTRIBUTES) {
      const v = n.values[c];
      if (v !== null && v !== '') xml.ele('attvalue', { for: c, value: String(v) }).up();
    }
    xml.up();
    viz(xml, n.rgb);
    xml.up();
  },
  between(xml) {
    xml.up().ele('edges');
  },
  edge(xml, e: ExportEdge) {
    const { id, source, target, type, label, color } = e.values;
    xml.ele('edge', { id, source, target, label });
    xml.ele('attvalues');
    xml.ele('attvalue', { for: 'type', value: type }).up();
    if (color) xml.ele('attvalue', { for: 'color', value: color }).up();
    xml.up();
    viz(xml, e.rgb);
    xml.up();
  },
  close(xml) {
    xml.up().up().up();
  },
};
