/**
 * A numeric table with heat-map colours, patched in place: the same rows × cols reuse their cells and only
 * text and classes change. Hovering a cell reports its flat index; cells can be highlighted by index.
 */
import { el, setText } from '../dom';
import { cellText, fullText } from '../format';
import { heatClass, setHeatClass } from '../heat';
import { t } from '../strings';

export interface GridContent {
  readonly rows: number;
  readonly cols: number;
  /** Row-major; null marks a cell with nothing stored (drawn as a faint dot). */
  value(index: number): number | null;
  readonly maxAbs: number;
  /** "output[0, 0, 1, 2]": the title of a cell; the value is appended. */
  label(row: number, col: number): string;
  readonly rowHeaders?: readonly string[];
  readonly colHeaders?: readonly string[];
}

export class NumberGrid {
  readonly root: HTMLDivElement;
  readonly table: HTMLTableElement;
  private cells: HTMLTableCellElement[] = [];
  private rowHeads: HTMLTableCellElement[] = [];
  private colHeads: HTMLTableCellElement[] = [];
  private shape = '';
  private cols = 0;
  private marked = new Map<string, number[]>();
  /** Called with the hovered cell's flat index, or null when the pointer leaves. */
  onHover: ((index: number | null) => void) | null = null;

  constructor(className: string, label: string) {
    this.table = el('table', { className: 'number-grid', attrs: { 'aria-label': label } });
    this.root = el('div', { className: `grid-scroll ${className}` }, [this.table]);
    this.table.addEventListener('mouseover', (event) => {
      const cell = (event.target as Element).closest('td[data-i]');
      if (cell) this.onHover?.(Number((cell as HTMLElement).dataset.i));
    });
    this.table.addEventListener('mouseleave', () => this.onHover?.(null));
  }

  update(content: GridContent): void {
    const shape = `${content.rows}×${content.cols}:${content.rowHeaders ? 'r' : ''}${content.colHeaders ? 'c' : ''}`;
    if (shape !== this.shape) this.build(content, shape);
    for (let i = 0; i < this.cells.length; i++) {
      const cell = this.cells[i];
      const v = content.value(i);
      const row = Math.floor(i / content.cols);
      const col = i % content.cols;
      setText(cell, v === null ? '·' : cellText(v));
      cell.title = `${content.label(row, col)} = ${v === null ? t('grids.nothingStored') : fullText(v)}`;
      cell.classList.toggle('empty', v === null);
      setHeatClass(cell, v === null ? 'heat-zero' : heatClass(v, content.maxAbs));
    }
    content.rowHeaders?.forEach((text, r) => setText(this.rowHeads[r], text));
    content.colHeaders?.forEach((text, c) => setText(this.colHeads[c], text));
  }

  /** Marks the cells at these flat indices with `className`, clearing that class elsewhere. */
  mark(className: string, indices: readonly number[]): void {
    for (const i of this.marked.get(className) ?? []) this.cells[i]?.classList.remove(className);
    const valid = indices.filter((i) => i >= 0 && i < this.cells.length);
    for (const i of valid) this.cells[i].classList.add(className);
    this.marked.set(className, valid);
  }

  /** Marks whole rows and columns (their headers too). */
  markLines(className: string, rows: readonly number[], cols: readonly number[]): void {
    const height = this.cols > 0 ? this.cells.length / this.cols : 0;
    const indices: number[] = [];
    for (const r of rows) for (let c = 0; c < this.cols; c++) indices.push(r * this.cols + c);
    for (const c of cols) for (let r = 0; r < height; r++) indices.push(r * this.cols + c);
    this.mark(className, indices);
    this.rowHeads.forEach((h, r) => h.classList.toggle(className, rows.includes(r)));
    this.colHeads.forEach((h, c) => h.classList.toggle(className, cols.includes(c)));
  }

  private build(content: GridContent, shape: string): void {
    this.shape = shape;
    this.cols = content.cols;
    this.marked.clear();
    const cells: HTMLTableCellElement[] = [];
    const body = el('tbody');
    this.rowHeads = [];
    this.colHeads = [];
    const head = content.colHeaders ? el('thead') : null;
    if (head && content.colHeaders) {
      const tr = el('tr', {}, content.rowHeaders ? [el('th', { className: 'corner' })] : []);
      for (let c = 0; c < content.cols; c++) {
        const th = el('th', { className: 'col-head', attrs: { scope: 'col' } });
        this.colHeads.push(th);
        tr.append(th);
      }
      head.append(tr);
    }
    for (let r = 0; r < content.rows; r++) {
      const tr = el('tr');
      if (content.rowHeaders) {
        const th = el('th', { className: 'row-head', attrs: { scope: 'row' } });
        this.rowHeads.push(th);
        tr.append(th);
      }
      for (let c = 0; c < content.cols; c++) {
        const td = el('td');
        td.dataset.i = String(r * content.cols + c);
        cells.push(td);
        tr.append(td);
      }
      body.append(tr);
    }
    this.cells = cells;
    this.table.replaceChildren(...(head ? [head] : []), body);
  }
}
