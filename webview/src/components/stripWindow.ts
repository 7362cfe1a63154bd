/**
 * A 1-D row (an input, a canvas) for the step strip: short rows are one row of numbers; a long one is a heat strip of
 * the whole row and, under it, the numbers of a window that follows the cells in focus (the current step's taps).
 */
import { el } from '../dom';
import { HeatStrip } from './heatStrip';
import { NumberGrid } from './numberGrid';

/** Rows up to this long are shown whole as numbers. */
export const MAX_WHOLE_ROW = 64;
/** Cells in the window of numbers under a long row's heat strip (more when the focus is wider). */
const WINDOW_CELLS = 40;

export interface StripContent {
  readonly values: readonly (number | null)[];
  /** The colour scale's largest |value|. */
  readonly maxAbs: number;
  /** The values the heat strip's legend names (a running sum's final state), default `values`. */
  readonly scale?: readonly (number | null)[];
  readonly legendTitle: string;
  /** "canvas[12]": a cell's name in titles and the status line. */
  label(index: number): string;
  /** A cell's column header (default: its index). */
  header?(index: number): string;
  /** The cells to keep in view, [first, last]. */
  readonly focus: readonly [number, number];
  /** Cells to mark, by class name (whole-row indices). */
  readonly marks: Readonly<Record<string, readonly number[]>>;
}

/** The first cell of the window: the focus centred, within the row. */
export function windowStart(length: number, size: number, focus: readonly [number, number]): number {
  const centre = Math.floor((focus[0] + focus[1]) / 2);
  return Math.max(0, Math.min(length - size, centre - Math.floor(size / 2)));
}

export class StripWindow {
  readonly root: HTMLElement;
  private readonly strip: HeatStrip;
  private readonly grid: NumberGrid;
  private first = 0;
  /** Called with the hovered cell (whole-row index), or null. */
  onHover: ((index: number | null) => void) | null = null;

  constructor(className: string, label: string) {
    this.strip = new HeatStrip(className, label);
    this.grid = new NumberGrid(`${className} strip-numbers`, label);
    this.root = el('div', { className: 'strip-window' }, [this.strip.root, this.grid.root]);
    this.strip.onHover = (i) => this.onHover?.(i);
    this.grid.onHover = (i) => this.onHover?.(i === null ? null : this.first + i);
  }

  update(content: StripContent): void {
    const length = content.values.length;
    const whole = length <= MAX_WHOLE_ROW;
    this.strip.root.hidden = whole;
    const span = content.focus[1] - content.focus[0] + 1;
    const size = whole ? length : Math.min(length, Math.max(WINDOW_CELLS, span + 8));
    this.first = whole ? 0 : windowStart(length, size, content.focus);
    const first = this.first;
    if (!whole) {
      this.strip.show(content.values, content.legendTitle, content.maxAbs, content.scale);
      this.strip.mark(content.marks.current ?? []);
    }
    this.grid.update({
      rows: 1,
      cols: size,
      value: (i) => content.values[first + i],
      maxAbs: content.maxAbs,
      label: (_, c) => content.label(first + c),
      colHeaders: Array.from({ length: size }, (_, c) => content.header?.(first + c) ?? String(first + c)),
    });
    for (const [className, cells] of Object.entries(content.marks))
      this.grid.mark(
        className,
        cells.filter((i) => i >= first && i < first + size).map((i) => i - first),
      );
    this.scrollToFocus(content.focus[0] - first, content.focus[1] - first);
  }

  /** Scrolls the numbers sideways so the focus is in the middle (its own box only: the page does not move). */
  private scrollToFocus(from: number, to: number): void {
    const box = this.grid.root;
    const cell = (i: number) => this.grid.table.querySelector<HTMLElement>(`td[data-i="${i}"]`);
    const [a, b] = [cell(from), cell(to)];
    if (!a || !b || box.clientWidth === 0) return;
    const left = a.offsetLeft;
    const right = b.offsetLeft + b.offsetWidth;
    box.scrollLeft = Math.max(0, (left + right) / 2 - box.clientWidth / 2);
  }
}
