// A standalone SVG line chart of latency against corpus size, one colour per system: p50 as a
// solid line, p95 as a dashed one. Corpus size is on a log axis; latency on a linear axis, or on a
// log one when the values span more than two orders of magnitude (or when asked). No dependencies.

export interface LatencyPoint {
  /** Corpus size, e.g. the number of events. Must be > 0. */
  corpus: number;
  /** Milliseconds. */
  p50: number;
  p95: number;
}

export interface LatencySeries {
  system: string;
  points: LatencyPoint[];
}

export interface LatencyChartOptions {
  title: string;
  xLabel?: string;
  yLabel?: string;
  /** 'auto' (the default) picks log when max/min latency exceeds 100. */
  yScale?: 'linear' | 'log' | 'auto';
  width?: number;
  height?: number;
}

const PALETTE = ['#1f77b4', '#d62728', '#2ca02c', '#ff7f0e', '#9467bd', '#8c564b', '#e377c2'];
const FONT = 'font-family="system-ui, -apple-system, Segoe UI, Helvetica, Arial, sans-serif"';

function esc(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** Up to 4 significant digits, without trailing zeros. */
function fmt(n: number): string {
  if (n === 0) return '0';
  const abs = Math.abs(n);
  if (abs >= 1e4) return Math.round(n).toLocaleString('en-US');
  if (abs < 1e-3) return n.toExponential(1);
  return String(Number(n.toPrecision(4)));
}

/** Corpus sizes read best as 1k, 10k, 1M. */
function fmtCount(n: number): string {
  const units: [number, string][] = [
    [1e9, 'G'],
    [1e6, 'M'],
    [1e3, 'k'],
  ];
  for (const [size, unit] of units) {
    if (n >= size) return `${Number((n / size).toPrecision(3))}${unit}`;
  }
  return String(Number(n.toPrecision(3)));
}

/** Ticks for a log axis on [lo, hi]: powers of ten, with 2 and 5 between when the span is short. */
function logTicks(lo: number, hi: number): number[] {
  const from = Math.floor(Math.log10(lo));
  const to = Math.ceil(Math.log10(hi));
  const decades = Math.log10(hi) - Math.log10(lo);
  const steps = decades < 2.5 ? [1, 2, 5] : [1];
  const ticks: number[] = [];
  for (let e = from; e <= to; e++) {
    for (const m of steps) {
      const t = m * 10 ** e;
      if (t >= lo * (1 - 1e-9) && t <= hi * (1 + 1e-9)) ticks.push(t);
    }
  }
  return ticks.length >= 2 ? ticks : [lo, hi];
}

/** A "nice" step (1, 2 or 5 times a power of ten) giving about `count` ticks over span. */
function niceStep(span: number, count: number): number {
  const raw = span / Math.max(1, count);
  const p = 10 ** Math.floor(Math.log10(raw));
  const m = raw / p;
  return (m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10) * p;
}

interface Axis {
  map(v: number): number;
  ticks: number[];
  label(v: number): string;
}

function logAxis(lo: number, hi: number, a: number, b: number, label: (v: number) => string): Axis {
  if (hi <= lo) {
    lo /= Math.SQRT2 * 2;
    hi *= Math.SQRT2 * 2;
  }
  const l0 = Math.log10(lo);
  const l1 = Math.log10(hi);
  return {
    map: (v) => a + ((Math.log10(v) - l0) / (l1 - l0)) * (b - a),
    ticks: logTicks(lo, hi),
    label,
  };
}

function linearAxis(hi: number, a: number, b: number): Axis {
  const step = niceStep(hi > 0 ? hi : 1, 5);
  const top = Math.max(step, Math.ceil((hi * 1.05) / step) * step);
  const ticks: number[] = [];
  for (let t = 0; t <= top + step / 2; t += step) ticks.push(Number(t.toPrecision(12)));
  return { map: (v) => a + (v / top) * (b - a), ticks, label: fmt };
}

/** Renders the series as a standalone SVG document. */
export function renderLatencyChart(series: LatencySeries[], opts: LatencyChartOptions): string {
  const width = opts.width ?? 760;
  const height = opts.height ?? 460;
  const legendWidth = 180;
  const m = { top: 48, right: legendWidth + 16, bottom: 64, left: 72 };
  const plot = { x0: m.left, x1: width - m.right, y0: height - m.bottom, y1: m.top };

  const usable = series.map((s) => ({
    system: s.system,
    points: s.points
      .filter(
        (p) =>
          Number.isFinite(p.corpus) &&
          p.corpus > 0 &&
          Number.isFinite(p.p50) &&
          Number.isFinite(p.p95),
      )
      .sort((a, b) => a.corpus - b.corpus),
  }));
  const all = usable.flatMap((s) => s.points);
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" ${FONT} font-size="12">`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    `<text x="${width / 2}" y="26" text-anchor="middle" font-size="16" font-weight="600">${esc(opts.title)}</text>`,
  ];
  if (all.length === 0) {
    out.push(
      `<text x="${width / 2}" y="${height / 2}" text-anchor="middle" fill="#666">no data</text>`,
      '</svg>',
    );
    return out.join('\n');
  }

  const corpora = all.map((p) => p.corpus);
  const x = logAxis(Math.min(...corpora), Math.max(...corpora), plot.x0, plot.x1, fmtCount);
  const values = all.flatMap((p) => [p.p50, p.p95]);
  const positive = values.filter((v) => v > 0);
  const vMax = Math.max(...values);
  const vMinPos = positive.length ? Math.min(...positive) : 1;
  const useLog =
    opts.yScale === 'log' ||
    (opts.yScale !== 'linear' && positive.length > 0 && vMax / vMinPos > 100);
  const y = useLog
    ? logAxis(
        10 ** Math.floor(Math.log10(vMinPos)),
        10 ** Math.ceil(Math.log10(vMax)),
        plot.y0,
        plot.y1,
        fmt,
      )
    : linearAxis(vMax, plot.y0, plot.y1);
  // Log scales cannot show 0: such values sit on the axis floor.
  const yOf = (v: number) => (useLog ? y.map(Math.max(v, vMinPos)) : y.map(v));
  const r = (n: number) => n.toFixed(1);

  // Grid, ticks and labels.
  for (const t of y.ticks) {
    const py = r(y.map(t));
    out.push(
      `<line x1="${plot.x0}" x2="${plot.x1}" y1="${py}" y2="${py}" stroke="#e5e5e5"/>`,
      `<text x="${plot.x0 - 8}" y="${py}" text-anchor="end" dominant-baseline="middle" fill="#333">${esc(y.label(t))}</text>`,
    );
  }
  for (const t of x.ticks) {
    const px = r(x.map(t));
    out.push(
      `<line x1="${px}" x2="${px}" y1="${plot.y0}" y2="${plot.y1}" stroke="#f0f0f0"/>`,
      `<line x1="${px}" x2="${px}" y1="${plot.y0}" y2="${plot.y0 + 5}" stroke="#333"/>`,
      `<text x="${px}" y="${plot.y0 + 18}" text-anchor="middle" fill="#333">${esc(x.label(t))}</text>`,
    );
  }
  out.push(
    `<rect x="${plot.x0}" y="${plot.y1}" width="${plot.x1 - plot.x0}" height="${plot.y0 - plot.y1}" fill="none" stroke="#333"/>`,
    `<text x="${(plot.x0 + plot.x1) / 2}" y="${height - 18}" text-anchor="middle" fill="#111">${esc(opts.xLabel ?? 'corpus size (events, log scale)')}</text>`,
    `<text transform="translate(20 ${(plot.y0 + plot.y1) / 2}) rotate(-90)" text-anchor="middle" fill="#111">${esc(
      opts.yLabel ?? `latency, ms${useLog ? ' (log scale)' : ''}`,
    )}</text>`,
  );

  // One colour per system: p50 solid with filled dots, p95 dashed with open dots.
  usable.forEach((s, i) => {
    const colour = PALETTE[i % PALETTE.length] ?? '#000';
    const line = (key: 'p50' | 'p95', dash: string) =>
      s.points.length > 1
        ? `<polyline fill="none" stroke="${colour}" stroke-width="2"${dash} points="${s.points
            .map((p) => `${r(x.map(p.corpus))},${r(yOf(p[key]))}`)
            .join(' ')}"/>`
        : '';
    out.push(
      `<g>`,
      `<title>${esc(s.system)}</title>`,
      line('p95', ' stroke-dasharray="6 4"'),
      line('p50', ''),
      ...s.points.flatMap((p) => [
        `<circle cx="${r(x.map(p.corpus))}" cy="${r(yOf(p.p95))}" r="3.5" fill="#fff" stroke="${colour}" stroke-width="1.5"><title>${esc(`${s.system} p95 at ${fmtCount(p.corpus)}: ${fmt(p.p95)} ms`)}</title></circle>`,
        `<circle cx="${r(x.map(p.corpus))}" cy="${r(yOf(p.p50))}" r="3.5" fill="${colour}"><title>${esc(`${s.system} p50 at ${fmtCount(p.corpus)}: ${fmt(p.p50)} ms`)}</title></circle>`,
      ]),
      `</g>`,
    );
  });

  // Legend.
  const lx = width - legendWidth;
  let ly = m.top + 6;
  usable.forEach((s, i) => {
    const colour = PALETTE[i % PALETTE.length] ?? '#000';
    out.push(
      `<line x1="${lx}" x2="${lx + 24}" y1="${ly}" y2="${ly}" stroke="${colour}" stroke-width="2"/>`,
      `<circle cx="${lx + 12}" cy="${ly}" r="3.5" fill="${colour}"/>`,
      `<text x="${lx + 32}" y="${ly}" dominant-baseline="middle" fill="#111">${esc(s.system)}</text>`,
    );
    ly += 20;
  });
  ly += 6;
  out.push(
    `<line x1="${lx}" x2="${lx + 24}" y1="${ly}" y2="${ly}" stroke="#555" stroke-width="2"/>`,
    `<text x="${lx + 32}" y="${ly}" dominant-baseline="middle" fill="#555">p50</text>`,
    `<line x1="${lx}" x2="${lx + 24}" y1="${ly + 18}" y2="${ly + 18}" stroke="#555" stroke-width="2" stroke-dasharray="6 4"/>`,
    `<text x="${lx + 32}" y="${ly + 18}" dominant-baseline="middle" fill="#555">p95</text>`,
    '</svg>',
  );
  return out.filter((line) => line !== '').join('\n');
}
