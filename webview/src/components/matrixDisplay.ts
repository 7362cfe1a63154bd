/**
 * A matrix from CSR: a table with row and column headers up to 64×64 cells (cells with nothing stored show a
 * faint dot), a zoomable heat-map canvas above. Rows and columns can be highlighted in either form.
 */
import { el } from '../dom';
import { HeatmapCanvas } from './heatmapCanvas';
import { csrSource, denseSource, type CsrArrays, type HeatSource } from './heatSource';
import { NumberGrid } from './numberGrid';
import { MAX_TABLE_CELLS } from './planeView';

export interface MatrixLabels {
  row(r: number): string;
  col(c: number): string;
  /** The header text of a row or column in table form (short). */
  rowHeader(r: number): string;
  colHeader(c: number): string;
}

export class MatrixDisplay {
  readonly root: HTMLElement;
  readonly grid: NumberGrid;
  readonly heat: HeatmapCanvas;
  private usesCanvas = false;
  private cols = 1;
  onHover: ((cell: { row: number; col: number } | null) => void) | null = null;

  constructor(className: string, label: string) {
    this.grid = new NumberGrid(className, label);
    this.heat = new HeatmapCanvas(className, label);
    this.root = el('div', { className: 'matrix-display' });
    this.grid.onHover = (i) =>
      this.onHover?.(i === null ? null : { row: Math.floor(i / this.cols), col: i % this.cols });
    this.heat.onHover = (cell) => this.onHover?.(cell);
  }

  showCsr(m: CsrArrays, labels: MatrixLabels): void {
    this.show(csrSource(m), labels);
  }

  showDense(values: ArrayLike<number>, rows: number, cols: number, labels: MatrixLabels): void {
    this.show(denseSource(values, rows, cols), labels);
  }

  highlight(rows: readonly number[], cols: readonly number[]): void {
    if (this.usesCanvas) this.heat.setHighlight({ rows, cols });
    else this.grid.markLines('linked-line', rows, cols);
  }

  private show(source: HeatSource, labels: MatrixLabels): void {
    this.cols = source.cols;
    this.usesCanvas = source.rows * source.cols > MAX_TABLE_CELLS;
    const body = this.usesCanvas ? this.heat.root : this.grid.root;
    if (this.root.firstChild !== body) this.root.replaceChildren(body);
    if (this.usesCanvas) {
      this.heat.setSource(source);
      return;
    }
    this.grid.update({
      rows: source.rows,
      cols: source.cols,
      value: (i) => source.valueAt(Math.floor(i / source.cols), i % source.cols),
      maxAbs: source.maxAbs,
      label: (r, c) => `(${labels.row(r)}, ${labels.col(c)})`,
      rowHeaders: Array.from({ length: source.rows }, (_, r) => labels.rowHeader(r)),
      colHeaders: Array.from({ length: source.cols }, (_, c) => labels.colHeader(c)),
    });
  }
}
