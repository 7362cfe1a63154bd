/**
 * Matrix: W and Wᵀ, tied to the input and output grids. Hovering an output cell lights up its line in W and Wᵀ
 * and the input cells it reads; hovering an input cell, the outputs it writes. Large matrices are canvases;
 * matrices above the payload's cap come as channel blocks plus one exact block.
 */
import type { LayerPayload, MatrixPayload } from '../../../src/webviewProtocol';
import { csrArrays } from '../components/heatSource';
import { MatrixDisplay } from '../components/matrixDisplay';
import { inPlane, linksOf } from '../components/matrixLinks';
import { TensorCard } from '../components/tensorCard';
import { el, setText } from '../dom';
import { fullText } from '../format';
import { t } from '../strings';
import { maxAbsOf, planeChoice, planeOf } from '../tensorPlanes';
import { matrixLabels } from './matrixLabels';
import { matrixStatsList } from './matrixStats';
import type { View, ViewContext } from './view';

function card(title: HTMLElement, ...children: Node[]): HTMLElement {
  return el('section', { className: 'card' }, [title, ...children]);
}

export class MatrixView implements View {
  readonly id = 'matrix' as const;
  readonly root = el('div', { className: 'view matrix-view' });
  private readonly meaning = el('p', { className: 'meaning' });
  private readonly stats = el('div');
  private readonly note = el('p', { className: 'note' });
  private readonly input = new TensorCard('matrix-input', t('grids.input'));
  private readonly output = new TensorCard('matrix-output', t('grids.output'));
  private readonly W = new MatrixDisplay('matrix-w', t('matrix.W'));
  private readonly Wt = new MatrixDisplay('matrix-wt', t('matrix.Wt'));
  private readonly wTitle = el('h3');
  private readonly wtTitle = el('h3');
  private readonly exact: HTMLElement;
  private readonly blockMap = new MatrixDisplay('matrix-blocks', t('matrix.blockMap'));
  private readonly block = new MatrixDisplay('matrix-block', t('matrix.block'));
  private readonly blocks: HTMLElement;
  private readonly blockMapTitle = el('h3');
  private readonly blockTitle = el('h3');
  private readonly links: HTMLElement;

  constructor() {
    this.links = el('div', { className: 'card-row' }, [this.input.root, this.output.root]);
    this.exact = el('div', { className: 'matrices' }, [
      card(this.wTitle, this.W.root),
      card(this.wtTitle, this.Wt.root),
    ]);
    this.blocks = el('div', { className: 'matrices' }, [
      card(this.blockMapTitle, this.blockMap.root),
      card(this.blockTitle, this.block.root),
    ]);
    this.root.append(
      card(el('h3', { text: t('matrix.stats') }), this.meaning, this.stats, this.note),
      this.links,
      this.exact,
      this.blocks,
    );
  }

  render(ctx: ViewContext): void {
    const layer = ctx.layer;
    const m = layer.matrix;
    setText(this.meaning, m.rowsAre === 'input' ? t('matrix.meaningTransposed') : t('matrix.meaningForward'));
    this.stats.replaceChildren(matrixStatsList(m));
    setText(
      this.note,
      [
        m.note,
        m.valuesKnown ? null : t('matrix.patternOnly'),
        m.csr && m.rows * m.cols > 4096 ? t('matrix.zoomHint') : null,
      ]
        .filter(Boolean)
        .join(' '),
    );
    this.exact.hidden = m.csr === null;
    this.blocks.hidden = m.blocks === null;
    if (m.csr) this.showExact(ctx, m, m.csr);
    if (m.blocks) this.showBlocks(m, m.blocks);
    this.showPlanes(ctx, layer);
  }

  private showExact(ctx: ViewContext, m: MatrixPayload, csr: NonNullable<MatrixPayload['csr']>): void {
    const links = linksOf(m);
    setText(this.wTitle, `${t('matrix.W')} · ${m.rows}×${m.cols}`);
    setText(this.wtTitle, `${t('matrix.Wt')} · ${m.cols}×${m.rows}`);
    this.W.showCsr(csrArrays(csr, m.rows, m.cols), matrixLabels(m, false));
    if (links) this.Wt.showCsr(links.Wt, matrixLabels(m, true));
    const flat = (r: number, c: number) => (m.rowsAre === 'input' ? { input: r, output: c } : { input: c, output: r });
    this.W.onHover = (cell) => this.focus(ctx, cell ? flat(cell.row, cell.col) : null);
    this.Wt.onHover = (cell) => this.focus(ctx, cell ? flat(cell.col, cell.row) : null);
  }

  private showBlocks(m: MatrixPayload, b: NonNullable<MatrixPayload['blocks']>): void {
    const name = (axis: 'row' | 'col') => (i: number) => {
      const per = axis === 'row' ? b.channelsPerRow : b.channelsPerCol;
      return per === 1 ? t('matrix.channel', i) : t('matrix.channels', i * per, (i + 1) * per - 1);
    };
    const blockLabels = {
      row: name('row'),
      col: name('col'),
      rowHeader: (i: number) => String(i),
      colHeader: (i: number) => String(i),
    };
    const merged = b.channelsPerRow > 1 || b.channelsPerCol > 1;
    setText(
      this.blockMapTitle,
      merged
        ? t(
            'matrix.blockMapSizeMerged',
            t('matrix.blockMap'),
            b.blockRows,
            b.blockCols,
            b.channelsPerRow,
            b.channelsPerCol,
            b.blockHeight,
            b.blockWidth,
          )
        : t('matrix.blockMapSize', t('matrix.blockMap'), b.blockRows, b.blockCols, b.blockHeight, b.blockWidth),
    );
    setText(this.blockTitle, `${t('matrix.block')} · ${b.block ? `${b.block.rows}×${b.block.cols}` : '—'}`);
    this.blockMap.showDense(b.magnitudes, b.blockRows, b.blockCols, blockLabels);
    if (b.block) {
      const single: MatrixPayload = {
        ...m,
        rows: b.block.rows,
        cols: b.block.cols,
        rowShape: [1, ...m.rowShape.slice(1)],
        colShape: [1, ...m.colShape.slice(1)],
      };
      this.block.showCsr(csrArrays(b.block.csr, b.block.rows, b.block.cols), matrixLabels(single, false));
    }
    this.block.root.hidden = b.block === null;
  }

  private showPlanes(ctx: ViewContext, layer: LayerPayload): void {
    const values = layer.values;
    this.links.hidden = values === null || layer.matrix.csr === null;
    if (!values || !layer.matrix.csr) return;
    const { batch, inChannel, outChannel } = ctx.state;
    const choice = planeChoice(layer, batch, inChannel, outChannel);
    const inputPlane = planeOf(values.input, choice.input);
    const outputPlane = planeOf(values.output, choice.output);
    const [inSize, outSize] = [layer.inputShape.slice(2), layer.outputShape.slice(2)].map((s) =>
      s.reduce((a, b) => a * b, 1),
    );
    this.input.setTitle(`${t('grids.input')} x[${batch}, ${inChannel}]`);
    this.output.setTitle(`${t('grids.output')} y[${batch}, ${outChannel}]`);
    if (inputPlane) {
      this.input.show({
        rows: inputPlane.rows,
        cols: inputPlane.cols,
        values: inputPlane.values,
        maxAbs: maxAbsOf(values.input),
        label: (r, c) => `x[${batch}, ${inChannel}, ${r}, ${c}]`,
      });
      this.input.plane.onHover = (i) => {
        this.focus(ctx, i === null ? null : { input: inChannel * inSize + i, output: null });
        if (i !== null)
          ctx.status(
            `x[${batch}, ${inChannel}, ${Math.floor(i / inputPlane.cols)}, ${i % inputPlane.cols}] = ${fullText(inputPlane.values[i])}`,
          );
      };
    } else {
      this.input.plane.onHover = null;
      this.input.showMessage(el('p', { className: 'muted', text: t('grids.notSent') }));
    }
    if (outputPlane) {
      this.output.show({
        rows: outputPlane.rows,
        cols: outputPlane.cols,
        values: outputPlane.values,
        maxAbs: maxAbsOf(values.output),
        label: (r, c) => `y[${batch}, ${outChannel}, ${r}, ${c}]`,
      });
      this.output.plane.onHover = (i) => {
        this.focus(ctx, i === null ? null : { input: null, output: outChannel * outSize + i });
        if (i !== null)
          ctx.status(
            `y[${batch}, ${outChannel}, ${Math.floor(i / outputPlane.cols)}, ${i % outputPlane.cols}] = ${fullText(outputPlane.values[i])}`,
          );
      };
    } else {
      this.output.plane.onHover = null;
      this.output.showMessage(el('p', { className: 'muted', text: t('grids.notSent') }));
    }
  }

  /** Lights up the lines of W and Wᵀ for an input and/or output element, and the cells linked to it. */
  private focus(ctx: ViewContext, at: { input: number | null; output: number | null } | null): void {
    const layer = ctx.layer;
    const m = layer.matrix;
    const links = linksOf(m);
    const inputs = at?.input != null ? [at.input] : [];
    const outputs = at?.output != null ? [at.output] : [];
    const [wRows, wCols] = m.rowsAre === 'input' ? [inputs, outputs] : [outputs, inputs];
    this.W.highlight(wRows, wCols);
    this.Wt.highlight(wCols, wRows);
    const [inSize, outSize] = [layer.inputShape.slice(2), layer.outputShape.slice(2)].map((s) =>
      s.reduce((a, b) => a * b, 1),
    );
    // One side hovered: the cells it is linked to; a W cell hovered: its own input and output.
    const both = inputs.length > 0 && outputs.length > 0;
    const markedInputs = both ? inputs : links && outputs.length > 0 ? links.inputsOf(outputs[0]) : [];
    const markedOutputs = both ? outputs : links && inputs.length > 0 ? links.outputsOf(inputs[0]) : [];
    this.input.plane.mark('linked', inPlane(markedInputs, ctx.state.inChannel, inSize));
    this.output.plane.mark('linked', inPlane(markedOutputs, ctx.state.outChannel, outSize));
    if (!at) ctx.status(t('status.hint'));
  }
}
