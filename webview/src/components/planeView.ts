/** One plane of a tensor: a numeric table up to 64×64 cells, a heat-map canvas above (and for a pooled plane). Same API for both. */
import { NumberGrid, type GridContent } from './numberGrid';
import { HeatmapCanvas } from './heatmapCanvas';
import { denseSource } from './heatSource';
import { el } from '../dom';

export const MAX_TABLE_CELLS = 4096;

export interface PlaneContent {
  readonly rows: number;
  readonly cols: number;
  readonly values: ArrayLike<number>;
  readonly maxAbs: number;
  label(row: number, col: number): string;
  /** The values are a pooled plane's (each stands for a block of entries): always drawn on the canvas. */
  readonly pooled?: boolean;
}

export class PlaneView {
  readonly root: HTMLDivElement;
  private readonly grid: NumberGrid;
  private readonly heat: HeatmapCanvas;
  private cols = 1;
  private usesCanvas = false;
  onHover: ((index: number | null) => void) | null = null;

  constructor(className: string, label: string) {
    this.grid = new NumberGrid(className, label);
    this.heat = new HeatmapCanvas(className, label, true);
    this.root = el('div', { className: 'plane-view' }, [this.grid.root]);
    this.grid.onHover = (i) => this.onHover?.(i);
    this.heat.onHover = (cell) => this.onHover?.(cell ? cell.row * this.cols + cell.col : null);
  }

  /** Whether the plane is drawn on the heat-map canvas (large or pooled) rather than as a table. */
  get drawsCanvas(): boolean {
    return this.usesCanvas;
  }

  update(content: PlaneContent): void {
    this.cols = content.cols;
    this.usesCanvas = content.pooled === true || content.rows * content.cols > MAX_TABLE_CELLS;
    const body = this.usesCanvas ? this.heat.root : this.grid.root;
    if (this.root.firstChild !== body) this.root.replaceChildren(body);
    if (this.usesCanvas) {
      this.heat.setSource(denseSource(content.values, content.rows, content.cols));
      return;
    }
    const grid: GridContent = {
      rows: content.rows,
      cols: content.cols,
      value: (i) => content.values[i],
      maxAbs: content.maxAbs,
      label: content.label,
    };
    this.grid.update(grid);
  }

  mark(className: string, indices: readonly number[]): void {
    if (this.usesCanvas)
      this.heat.setHighlight({ cells: indices.map((i) => ({ row: Math.floor(i / this.cols), col: i % this.cols })) });
    else this.grid.mark(className, indices);
  }
}
