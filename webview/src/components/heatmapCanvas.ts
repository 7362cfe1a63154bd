/**
 * A zoomable heat map of a matrix on a canvas: every stored entry is accumulated into pixels (the one with
 * the largest |value| wins) and written as ImageData, so a 4096 × 16384 matrix costs one pass over its
 * entries, never a DOM node per cell. Wheel zooms, drag pans, double-click resets.
 */
import { el } from '../dom';
import type { HeatSource } from './heatSource';
import { heatColors, mix, type HeatColors, type Rgb } from './themeColors';
import { cellAt, clampViewport, fitViewport, panBy, pixelSpan, zoomAt, type Viewport } from './viewport';

export interface HeatHighlight {
  readonly rows?: readonly number[];
  readonly cols?: readonly number[];
  readonly cells?: readonly { readonly row: number; readonly col: number }[];
}

const MIN_HEIGHT = 48;
const MAX_HEIGHT = 360;
/** A plane keeps its aspect ratio up to this height (a pooled plane is at most 512 cells a side). */
const MAX_PLANE_HEIGHT = 480;
/** Closest fit of a plane: one cell spans this many pixels at most before zooming. */
const MAX_FIT_PIXELS_PER_CELL = 16;

export class HeatmapCanvas {
  readonly root: HTMLDivElement;
  readonly canvas: HTMLCanvasElement;
  private source: HeatSource | null = null;
  private view: Viewport | null = null;
  private base: ImageData | null = null;
  private highlight: HeatHighlight = {};
  private drag: { x: number; y: number } | null = null;
  private frame = 0;
  /** Called with the cell under the pointer, or null when it leaves. */
  onHover: ((cell: { row: number; col: number } | null) => void) | null = null;
  /** Milliseconds the last full draw took (also on the canvas as data-draw-ms, which the benchmark reads). */
  lastDrawMs = 0;

  /** `keepAspect`: cells stay square (a tensor's plane); otherwise the map fills the width (a matrix). */
  constructor(
    className: string,
    label: string,
    private readonly keepAspect = false,
  ) {
    this.canvas = el('canvas', { className: 'heatmap-canvas', attrs: { role: 'img', 'aria-label': label } });
    this.root = el('div', { className: `heatmap ${className}` }, [this.canvas]);
    this.listen();
    new ResizeObserver(() => this.schedule()).observe(this.root);
  }

  setSource(source: HeatSource): void {
    const sameSize = this.source && this.source.rows === source.rows && this.source.cols === source.cols;
    this.source = source;
    if (!sameSize) this.view = null;
    this.schedule();
  }

  setHighlight(highlight: HeatHighlight): void {
    this.highlight = highlight;
    this.paint();
  }

  /** Draws now (tests and the benchmark call it; the component otherwise draws on the next frame). */
  drawNow(): void {
    cancelAnimationFrame(this.frame);
    this.frame = 0;
    this.draw();
  }

  private schedule(): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.draw();
    });
  }

  private size(): { width: number; height: number } {
    const width = Math.floor(this.root.clientWidth);
    const rows = this.source?.rows ?? 1;
    const cols = this.source?.cols ?? 1;
    if (this.keepAspect && rows > 1) {
      const scale = Math.min(width / cols, MAX_PLANE_HEIGHT / rows, MAX_FIT_PIXELS_PER_CELL);
      return { width: Math.max(1, Math.round(cols * scale)), height: Math.max(MIN_HEIGHT, Math.round(rows * scale)) };
    }
    const natural = Math.round((width * rows) / Math.max(cols, 1));
    return { width, height: Math.max(MIN_HEIGHT, Math.min(MAX_HEIGHT, natural, rows * 48)) };
  }

  private draw(): void {
    const source = this.source;
    const { width, height } = this.size();
    if (!source || width <= 0) return;
    const started = performance.now();
    if (this.canvas.width !== width || this.canvas.height !== height) {
      this.canvas.width = width;
      this.canvas.height = height;
      this.view = null;
    }
    // A plane narrower than its box keeps its size; a matrix stretches to the box (the stylesheet's 100%).
    this.canvas.style.width = this.keepAspect ? `${width}px` : '';
    const view = clampViewport(
      this.view ?? fitViewport(source.rows, source.cols, width, height),
      source.rows,
      source.cols,
      width,
      height,
    );
    this.view = view;
    this.base = this.render(source, view, width, height, heatColors(this.root));
    this.lastDrawMs = performance.now() - started;
    this.canvas.dataset.drawMs = this.lastDrawMs.toFixed(1);
    this.paint();
  }

  private render(source: HeatSource, view: Viewport, width: number, height: number, colors: HeatColors): ImageData {
    const best = new Float64Array(width * height);
    const stored = new Uint8Array(width * height);
    const r1 = Math.ceil(view.r0 + height * view.rowsPerPx);
    source.forEachInRows(Math.floor(view.r0), r1, (r, c, v) => {
      const [x0, x1] = pixelSpan(c, view.c0, view.colsPerPx);
      if (x1 <= 0 || x0 >= width) return;
      const [y0, y1] = pixelSpan(r, view.r0, view.rowsPerPx);
      for (let y = Math.max(0, y0); y < Math.min(height, y1); y++) {
        for (let x = Math.max(0, x0); x < Math.min(width, x1); x++) {
          const i = y * width + x;
          if (!stored[i] || Math.abs(v) > Math.abs(best[i])) best[i] = v;
          stored[i] = 1;
        }
      }
    });
    const image = new ImageData(width, height);
    const scale = source.maxAbs > 0 ? 1 / source.maxAbs : 0;
    for (let i = 0; i < best.length; i++) {
      const v = best[i];
      const rgb: Rgb = !stored[i]
        ? colors.background
        : v === 0
          ? mix(colors.background, colors.zero, 0.35)
          : mix(
              colors.background,
              v > 0 ? colors.positive : colors.negative,
              0.15 + 0.55 * Math.min(1, Math.abs(v) * scale),
            );
      image.data[4 * i] = rgb[0];
      image.data[4 * i + 1] = rgb[1];
      image.data[4 * i + 2] = rgb[2];
      image.data[4 * i + 3] = 255;
    }
    return image;
  }

  /** The cached image plus the highlighted rows and columns. */
  private paint(): void {
    const ctx = this.canvas.getContext('2d');
    const view = this.view;
    if (!ctx || !this.base || !view) return;
    ctx.putImageData(this.base, 0, 0);
    const { rows = [], cols = [], cells = [] } = this.highlight;
    if (rows.length === 0 && cols.length === 0 && cells.length === 0) return;
    ctx.fillStyle = heatColors(this.root).highlight;
    ctx.globalAlpha = 0.45;
    for (const r of rows) {
      const [y0, y1] = pixelSpan(r, view.r0, view.rowsPerPx);
      ctx.fillRect(0, y0, this.canvas.width, Math.max(2, y1 - y0));
    }
    for (const c of cols) {
      const [x0, x1] = pixelSpan(c, view.c0, view.colsPerPx);
      ctx.fillRect(x0, 0, Math.max(2, x1 - x0), this.canvas.height);
    }
    for (const { row, col } of cells) {
      const [y0, y1] = pixelSpan(row, view.r0, view.rowsPerPx);
      const [x0, x1] = pixelSpan(col, view.c0, view.colsPerPx);
      ctx.fillRect(x0, y0, Math.max(2, x1 - x0), Math.max(2, y1 - y0));
    }
    ctx.globalAlpha = 1;
  }

  private cellAtEvent(event: MouseEvent): { row: number; col: number } | null {
    if (!this.view || !this.source) return null;
    const rect = this.canvas.getBoundingClientRect();
    const x = ((event.clientX - rect.left) * this.canvas.width) / Math.max(rect.width, 1);
    const y = ((event.clientY - rect.top) * this.canvas.height) / Math.max(rect.height, 1);
    return cellAt(this.view, x, y, this.source.rows, this.source.cols);
  }

  private listen(): void {
    const c = this.canvas;
    c.addEventListener(
      'wheel',
      (event) => {
        if (!this.view) return;
        event.preventDefault();
        const rect = c.getBoundingClientRect();
        this.view = zoomAt(
          this.view,
          event.clientX - rect.left,
          event.clientY - rect.top,
          event.deltaY < 0 ? 1.25 : 0.8,
        );
        this.draw();
      },
      { passive: false },
    );
    c.addEventListener('pointerdown', (event) => {
      c.setPointerCapture(event.pointerId);
      this.drag = { x: event.clientX, y: event.clientY };
    });
    c.addEventListener('pointerup', (event) => {
      c.releasePointerCapture(event.pointerId);
      this.drag = null;
    });
    c.addEventListener('pointermove', (event) => {
      if (this.drag && this.view) {
        this.view = panBy(this.view, event.clientX - this.drag.x, event.clientY - this.drag.y);
        this.drag = { x: event.clientX, y: event.clientY };
        this.draw();
        return;
      }
      this.onHover?.(this.cellAtEvent(event));
    });
    c.addEventListener('mouseleave', () => this.onHover?.(null));
    c.addEventListener('dblclick', () => {
      this.view = null;
      this.draw();
    });
  }
}
