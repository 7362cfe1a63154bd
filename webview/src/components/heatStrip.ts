/**
 * One row of numbers too long to print (a 1-D axis: overlap counts, an input, a canvas) as a heat strip, with a
 * legend: a swatch per value when there are few distinct integers (tap counts), else the colour scale's ends.
 * Zoom, pan and hover are HeatmapCanvas's.
 */
import { el } from '../dom';
import { cellText } from '../format';
import { HeatmapCanvas } from './heatmapCanvas';
import type { HeatSource } from './heatSource';
import { heatColors, mix, type HeatColors, type Rgb } from './themeColors';

/** Distinct integer values up to this many get a swatch each. */
const MAX_DISCRETE_SWATCHES = 8;

/** The colour HeatmapCanvas paints a stored value v with (its render(), for a dense source). */
function colourOf(colors: HeatColors, v: number, maxAbs: number): Rgb {
  if (v === 0) return mix(colors.background, colors.zero, 0.35);
  const scale = maxAbs > 0 ? 1 / maxAbs : 0;
  return mix(
    colors.background,
    v > 0 ? colors.positive : colors.negative,
    0.15 + 0.55 * Math.min(1, Math.abs(v) * scale),
  );
}

/** One row; null marks a cell with nothing in it yet (drawn as the background). */
function rowSource(values: ArrayLike<number | null>, maxAbs: number): HeatSource {
  return {
    rows: 1,
    cols: values.length,
    maxAbs,
    forEachInRows(r0, r1, visit) {
      if (r0 > 0 || r1 <= 0) return;
      for (let c = 0; c < values.length; c++) {
        const v = values[c];
        if (v !== null) visit(0, c, v);
      }
    },
    valueAt(r, c) {
      return r === 0 ? (values[c] ?? null) : null;
    },
  };
}

function largestMagnitude(values: ArrayLike<number | null>): number {
  let m = 0;
  for (let i = 0; i < values.length; i++) m = Math.max(m, Math.abs(values[i] ?? 0));
  return m;
}

function distinctIntegers(values: ArrayLike<number | null>): number[] | null {
  const seen = new Set<number>();
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === null) continue;
    if (!Number.isInteger(v)) return null;
    seen.add(v);
    if (seen.size > MAX_DISCRETE_SWATCHES) return null;
  }
  return [...seen].sort((a, b) => a - b);
}

/** The most negative value, 0 and the largest: the ends and the middle of the colour scale, as they occur. */
function extremes(values: ArrayLike<number | null>): number[] {
  let min = 0;
  let max = 0;
  for (let i = 0; i < values.length; i++) {
    min = Math.min(min, values[i] ?? 0);
    max = Math.max(max, values[i] ?? 0);
  }
  return [...(min < 0 ? [min] : []), 0, ...(max > 0 ? [max] : [])];
}

export class HeatStrip {
  readonly root: HTMLElement;
  readonly heat: HeatmapCanvas;
  private readonly legend = el('p', { className: 'legend strip-legend' });
  private length = 0;

  constructor(className: string, label: string) {
    this.heat = new HeatmapCanvas(`heat-strip ${className}`, label);
    // Empty until the first show(): a fresh page (another spec's errors, no render yet) holds no canvas.
    this.root = el('div', { className: 'heat-strip-block' });
  }

  /** Called with the hovered position, or null. */
  set onHover(listener: ((index: number | null) => void) | null) {
    this.heat.onHover = listener ? (cell) => listener(cell ? cell.col : null) : null;
  }

  /**
   * Draws the row. `maxAbs` fixes the colour scale (a running sum keeps its final scale while it grows); `scale`
   * gives the values the legend names instead of the row's own (its final state).
   */
  show(
    values: ArrayLike<number | null>,
    legendTitle: string,
    maxAbs = largestMagnitude(values),
    scale: ArrayLike<number | null> = values,
  ): void {
    if (this.root.firstChild !== this.heat.root) this.root.replaceChildren(this.heat.root, this.legend);
    this.length = values.length;
    const source = rowSource(values, maxAbs);
    this.heat.setSource(source);
    const colors = heatColors(this.heat.root);
    const swatch = (v: number) => {
      const box = el('span', { className: 'strip-swatch', attrs: { 'aria-hidden': 'true' } });
      const [r, g, b] = colourOf(colors, v, source.maxAbs);
      // CSSOM, not a style attribute: the webview's CSP allows the one and refuses the other.
      box.style.backgroundColor = `rgb(${r}, ${g}, ${b})`;
      return el('span', { className: 'strip-key' }, [box, document.createTextNode(cellText(v))]);
    };
    const keys = distinctIntegers(scale) ?? extremes(scale);
    this.legend.replaceChildren(el('span', { className: 'muted', text: legendTitle }), ...keys.map(swatch));
  }

  /** Marks these positions on the strip. */
  mark(indices: readonly number[]): void {
    this.heat.setHighlight({
      cells: indices.filter((i) => i >= 0 && i < this.length).map((col) => ({ row: 0, col })),
    });
  }
}
