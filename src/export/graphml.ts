// GraphML (graphml.graphdrawing.org) as Gephi reads it: a node attribute named `label` is the
// node's label, and integer attributes `r`, `g` and `b` its colour; edges likewise.
import type { XMLDocumentCB } from 'xmlbuilder';
import type { XmlGraphWriter } from './graph-export';
import {
  EDGE_COLUMNS,
  NODE_COLUMNS,
  NUMBER_COLUMNS,
  type ExportEdge,
  type ExportNode,
} from './subgraph';

const RGB = ['r', 'g', 'b'] as const;

function data(xml: XMLDocumentCB, key: string, value: string | number | null): void {
  if (value === null || value === '') return;
  xml.ele('data', { key }, String(value)).up();
}

function colour(xml: XMLDocumentCB, prefix: string, rgb: ExportNode['rgb'] | null): void {
  if (!rgb) return;
  for (const c of RGB) data(xml, `${prefix}${c}`, rgb[c]);
}

export const graphmlWriter: XmlGraphWriter = {
  open(xml) {
    xml.ele('graphml', {
      xmlns: 'http://graphml.graphdrawing.org/xmlns',
      'xmlns:xsi': 'http://www.w3.org/2001/XMLSchema-instance',
      'xsi:schemaLocation':
        'http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd',
    });
    // The id is the element's own attribute; every other column is a declared key.
    for (const c of NODE_COLUMNS.filter((c) => c !== 'id')) {
      const type = NUMBER_COLUMNS.has(c) ? 'double' : 'string';
      xml.ele('key', { id: `n_${c}`, for: 'node', 'attr.name': c, 'attr.type': type }).up();
    }
    for (const c of RGB) {
      xml.ele('key', { id: `n_${c}`, for: 'node', 'attr.name': c, 'attr.type': 'int' }).up();
    }
    for (const c of EDGE_COLUMNS.filter((c) => !['id', 'source', 'target'].includes(c))) {
      xml.ele('key', { id: `e_${c}`, for: 'edge', 'attr.name': c, 'attr.type': 'string' }).up();
    }
    for (const c of RGB) {
      xml.ele('key', { id: `e_${c}`, for: 'edge', 'attr.name': c, 'attr.type': 'int' }).up();
    }
    xml.ele('graph', { id: 'mediagraph', edgedefault: 'directed' });
  },
  node(xml, n: ExportNode) {
    xml.ele('node', { id: n.values.id });
    for (const c of NODE_COLUMNS) if (c !== 'id') data(xml, `n_${c}`, n.values[c]);
    colour(xml, 'n_', n.rgb);
    xml.up();
  },
  between() {},
  edge(xml, e: ExportEdge) {
    const { id, source, target, type, label, color } = e.values;
    xml.ele('edge', { id, source, target });
    data(xml, 'e_type', type);
    data(xml, 'e_label', label);
    data(xml, 'e_color', color);
    colour(xml, 'e_', e.rgb);
    xml.up();
  },
  close(xml) {
    xml.up().up();
  },
};
