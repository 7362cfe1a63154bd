/**
 * Steps: d2l Fig. 14.10.1/14.10.2 generalised. Each input element times the kernel is placed on the canvas
 * at (i·stride, j·stride) with its taps dilation apart; the stepper adds them one by one. The rows and columns
 * padding cuts are greyed, the ones output_padding adds are marked. A 1-D layer's picture is a strip (stepStripPanel.ts).
 */
import type { StepPicture, StepsPayload, StepStripPayload } from '../../../src/webviewProtocol';
import { NumberGrid } from '../components/numberGrid';
import { Stepper } from '../components/stepper';
import { TensorCard } from '../components/tensorCard';
import { el, setText } from '../dom';
import { cellText } from '../format';
import { t } from '../strings';
import { maxAbsOf, planeOf } from '../tensorPlanes';
import { StepStripPanel, stripCaption } from './stepStripPanel';
import { requestPlanes, type View, type ViewContext } from './view';

/** Canvas cells outside the output (cut by padding), and output cells that exist because of output_padding. */
function regions(s: StepsPayload): { crop: number[]; outputPadding: number[] } {
  const [h, w] = s.canvas;
  const [top, left] = s.cropStart;
  const [oh, ow] = s.outputSize;
  const [ph, pw] = s.outputPadding;
  const crop: number[] = [];
  const outputPadding: number[] = [];
  for (let r = 0; r < h; r++) {
    for (let c = 0; c < w; c++) {
      const inside = r >= top && r < top + oh && c >= left && c < left + ow;
      if (!inside) crop.push(r * w + c);
      else if (r >= top + oh - ph || c >= left + ow - pw) outputPadding.push(r * w + c);
    }
  }
  return { crop, outputPadding };
}

/** Canvas cells of step k's kernel taps. */
function tapsOf(s: StepsPayload, picture: StepPicture, k: number): number[] {
  const step = picture.steps[k];
  if (!step) return [];
  const cells: number[] = [];
  for (let a = 0; a < s.kernel[0]; a++) {
    for (let b = 0; b < s.kernel[1]; b++)
      cells.push((step.top + a * s.dilation[0]) * s.canvas[1] + step.left + b * s.dilation[1]);
  }
  return cells;
}

/** The canvas after the first `count` steps; null where no step has landed yet. */
function partialSum(s: StepsPayload, picture: StepPicture, count: number): (number | null)[] {
  const sum: (number | null)[] = new Array<number | null>(s.canvas[0] * s.canvas[1]).fill(null);
  for (let k = 0; k < count; k++) {
    const step = picture.steps[k];
    tapsOf(s, picture, k).forEach((cell, i) => {
      sum[cell] = (sum[cell] ?? 0) + step.patch[i];
    });
  }
  return sum;
}

/** What the step did; after the last one, that step's placement still, then that all steps are added. */
function captionOf(picture: StepPicture, position: number): Node[] {
  const step = picture.steps[position - 1];
  if (!step) return [el('span', { text: t('steps.start') })];
  const placement = el('span', {
    className: 'step-placement',
    text: t(
      'steps.current',
      `${picture.batch}, ${step.channel}, ${step.row}, ${step.col}`,
      cellText(step.value),
      step.top,
      step.left,
    ),
  });
  if (position < picture.steps.length) return [placement];
  const done = el('span', { className: 'step-done', text: t('steps.done', cellText(picture.bias)) });
  return [placement, document.createTextNode(' '), done];
}

export class StepsView implements View {
  readonly id = 'steps' as const;
  readonly root = el('div', { className: 'view steps-view' });
  private readonly message = el('div', { className: 'card view-message' });
  private readonly stepper = new Stepper();
  private readonly caption = el('p', { className: 'step-caption' });
  private readonly legend = el('p', { className: 'legend' }, [
    el('span', { className: 'swatch crop', text: t('steps.legendCrop') }),
    el('span', { className: 'swatch outpad', text: t('steps.legendOutputPadding') }),
    el('span', { className: 'swatch current', text: t('steps.legendCurrent') }),
  ]);
  private readonly canvasGrid = new NumberGrid('steps-canvas', t('steps.canvas'));
  private readonly canvasTitle = el('h3', { text: t('steps.canvas') });
  private readonly input = new TensorCard('steps-input', t('grids.input'));
  private readonly patch = new TensorCard('steps-patch', t('steps.patch'));
  private readonly note = el('p', { className: 'muted steps-note' });
  private readonly pictureRow: HTMLElement;
  private readonly strip = new StepStripPanel();
  private readonly body: HTMLElement;

  constructor() {
    const canvasCard = el('section', { className: 'card steps-canvas-card' }, [
      this.canvasTitle,
      this.legend,
      this.canvasGrid.root,
    ]);
    this.pictureRow = el('div', { className: 'card-row' }, [this.input.root, this.patch.root, canvasCard]);
    this.body = el('div', {}, [
      el('section', { className: 'card' }, [this.stepper.root, this.caption, this.note]),
      this.pictureRow,
      this.strip.root,
    ]);
    this.root.append(this.message, this.body);
  }

  /** No picture: why, with the button that asks the host for it when asking can help. */
  private showMessage(ctx: ViewContext, text: string, request: 'grids.request' | 'grids.compute' | null): void {
    this.stepper.stop();
    this.body.hidden = true;
    this.message.hidden = false;
    const nodes: Node[] = [el('p', { text })];
    if (request) {
      const load = el('vscode-button', { text: t(request) });
      load.addEventListener('click', () => requestPlanes(ctx));
      nodes.push(load);
    }
    this.message.replaceChildren(...nodes);
  }

  private showBody(strip: boolean): void {
    this.body.hidden = false;
    this.message.hidden = true;
    this.pictureRow.hidden = strip;
    this.strip.root.hidden = !strip;
  }

  render(ctx: ViewContext): void {
    const layer = ctx.layer;
    if (layer.stepStrip) {
      this.renderStrip(ctx, layer.stepStrip);
      return;
    }
    const steps = layer.steps;
    const index = ctx.state.batch * layer.outputShape[1] + ctx.state.outChannel;
    const picture = steps ? steps.pictures[index - steps.firstPicture] : undefined;
    if (!steps || !picture) {
      const request = steps
        ? 'grids.request'
        : layer.values === null && layer.kind === 'convTranspose' && layer.planesOnRequest === true
          ? 'grids.compute'
          : null;
      this.showMessage(ctx, layer.stepsNote ?? t('steps.none'), request);
      return;
    }
    this.showBody(false);
    setText(this.note, '');
    const count = picture.steps.length;
    const position = Math.min(ctx.state.step, count);
    this.stepper.set(position, count);
    this.stepper.onChange = (step) => ctx.update({ step });
    this.drawCanvas(steps, picture, position);
    this.drawInput(ctx, steps, picture, position);
  }

  private renderStrip(ctx: ViewContext, s: StepStripPayload): void {
    const { batch, inChannel, outChannel } = ctx.state;
    const groups = ctx.layer.params.groups;
    const inGroup = Math.floor(inChannel / (ctx.layer.inputShape[1] / groups));
    const outGroup = Math.floor(outChannel / (ctx.layer.outputShape[1] / groups));
    if (inGroup !== outGroup) {
      this.showMessage(ctx, t('grids.otherGroup', groups, inChannel, outChannel), null);
      return;
    }
    if (s.batch !== batch || s.inChannel !== inChannel || s.outChannel !== outChannel) {
      this.showMessage(ctx, t('grids.notSent'), 'grids.request');
      return;
    }
    this.showBody(true);
    setText(this.note, ctx.layer.stepsNote ?? '');
    const count = s.input.length;
    const position = Math.min(ctx.state.step, count);
    this.stepper.set(position, count);
    this.stepper.onChange = (step) => ctx.update({ step });
    this.strip.render(ctx, s, position);
    this.caption.replaceChildren(...stripCaption(s, position));
  }

  private drawCanvas(s: StepsPayload, picture: StepPicture, position: number): void {
    const sum = partialSum(s, picture, position);
    let maxAbs = 0;
    for (const v of picture.canvasSum) maxAbs = Math.max(maxAbs, Math.abs(v));
    const width = s.canvas[1];
    this.canvasGrid.update({
      rows: s.canvas[0],
      cols: width,
      value: (i) => sum[i],
      maxAbs,
      label: (r, c) => t('steps.canvasCell', r, c),
    });
    const { crop, outputPadding } = regions(s);
    this.canvasGrid.mark('crop', crop);
    this.canvasGrid.mark('outpad', outputPadding);
    const current = position > 0 ? tapsOf(s, picture, position - 1) : [];
    this.canvasGrid.mark('current', current);
    const geometry = t(
      'steps.geometry',
      s.stride.join('×'),
      s.dilation.join('×'),
      s.cropStart.join('×'),
      s.outputPadding.join('×'),
    );
    setText(this.canvasTitle, `${t('steps.canvas')} · ${s.canvas.join('×')} · ${geometry}`);
    this.caption.replaceChildren(...captionOf(picture, position));
  }

  private drawInput(ctx: ViewContext, s: StepsPayload, picture: StepPicture, position: number): void {
    const step = picture.steps[Math.max(0, position - 1)];
    const input = ctx.layer.values?.input;
    const plane = input ? planeOf(input, picture.batch * ctx.layer.inputShape[1] + step.channel) : null;
    this.input.setTitle(`${t('grids.input')} x[${picture.batch}, ${step.channel}]`);
    if (input && plane) {
      this.input.show({
        rows: plane.rows,
        cols: plane.cols,
        values: plane.values,
        maxAbs: maxAbsOf(input),
        label: (r, c) => `x[${picture.batch}, ${step.channel}, ${r}, ${c}]`,
      });
      this.input.plane.mark('current', position > 0 ? [step.row * plane.cols + step.col] : []);
    } else this.input.showMessage(el('p', { className: 'muted', text: t('grids.notSent') }));
    const [kh, kw] = s.kernel;
    this.patch.setTitle(t('steps.patch'));
    const patch = position > 0 ? step.patch : new Array<number>(kh * kw).fill(0);
    let maxAbs = 0;
    for (const each of picture.steps) for (const v of each.patch) maxAbs = Math.max(maxAbs, Math.abs(v));
    this.patch.show({ rows: kh, cols: kw, values: patch, maxAbs, label: (r, c) => `x·w[${r}, ${c}]` });
  }
}
