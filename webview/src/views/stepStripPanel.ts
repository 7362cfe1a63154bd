/**
 * Steps for a 1-D layer: d2l Fig. 14.10.1 along a line. Step i places x[i] times the kernel row on the canvas at
 * i·stride (taps dilation apart); the strip is the running sum, its cropped cells hatched, the output_padding tail
 * marked. The steps are formed as they are shown (src/preview/stepStrip.ts) from the input and kernel rows.
 */
import { stripPatch, stripRegion, stripSum, stripTaps } from '../../../src/preview/stepStrip';
import type { StepStripPayload } from '../../../src/webviewProtocol';
import { PlaneView } from '../components/planeView';
import { StripWindow } from '../components/stripWindow';
import { el, setText } from '../dom';
import { cellText, countText } from '../format';
import { t } from '../strings';
import type { ViewContext } from './view';

function largestMagnitude(values: readonly (number | null)[]): number {
  let m = 0;
  for (const v of values) m = Math.max(m, Math.abs(v ?? 0));
  return m;
}

/** The caption: what the current step did; after the last, that this channel's share is complete and what follows. */
export function stripCaption(s: StepStripPayload, position: number): Node[] {
  if (position === 0) return [el('span', { text: t('steps.stripStart') })];
  const i = position - 1;
  const placement = el('span', {
    className: 'step-placement',
    text: t(
      'steps.stripCurrent',
      `${s.batch}, ${s.inChannel}, ${s.firstStep + i}`,
      cellText(s.input[i] ?? 0),
      (s.firstStep + i) * s.stride,
    ),
  });
  if (position < s.input.length) return [placement];
  const done =
    s.channelsPerOutput === 1
      ? t('steps.done', cellText(s.bias))
      : t('steps.stripDone', s.inChannel, s.outChannel, countText(s.channelsPerOutput), cellText(s.bias));
  return [placement, document.createTextNode(' '), el('span', { className: 'step-done', text: done })];
}

export class StepStripPanel {
  readonly root: HTMLElement;
  private readonly inputTitle = el('h3');
  private readonly input = new StripWindow('strip-input', t('grids.input'));
  private readonly patchTitle = el('h3', { text: t('steps.patch') });
  private readonly patch = new PlaneView('strip-patch', t('steps.patch'));
  private readonly canvasTitle = el('h3');
  private readonly canvas = new StripWindow('strip-canvas', t('steps.canvas'));
  private readonly legend = el('p', { className: 'legend' }, [
    el('span', { className: 'swatch crop', text: t('steps.legendCrop') }),
    el('span', { className: 'swatch outpad', text: t('steps.legendOutputPadding') }),
    el('span', { className: 'swatch current', text: t('steps.legendCurrent') }),
  ]);

  constructor() {
    this.root = el('div', { className: 'step-strip' }, [
      el('section', { className: 'card strip-input-card' }, [this.inputTitle, this.input.root]),
      el('section', { className: 'card strip-patch-card' }, [this.patchTitle, this.patch.root]),
      el('section', { className: 'card strip-canvas-card' }, [this.canvasTitle, this.legend, this.canvas.root]),
    ]);
  }

  render(ctx: ViewContext, s: StepStripPayload, position: number): void {
    const i = Math.max(0, position - 1);
    const taps = position > 0 ? stripTaps(s, i) : [];
    this.drawInput(ctx, s, position);
    const patch = position > 0 ? stripPatch(s, i) : s.weights.map(() => 0);
    let patchMax = 0;
    for (const x of s.input) for (const w of s.weights) patchMax = Math.max(patchMax, Math.abs(x * w));
    this.patch.update({
      rows: 1,
      cols: s.kernel,
      values: patch,
      maxAbs: patchMax,
      label: (_, c) => `x·w[${c}]`,
    });
    this.drawCanvas(ctx, s, position, taps);
  }

  private drawInput(ctx: ViewContext, s: StepStripPayload, position: number): void {
    const name = (i: number) => `x[${s.batch}, ${s.inChannel}, ${s.firstStep + i}]`;
    setText(this.inputTitle, `${t('grids.input')} x[${s.batch}, ${s.inChannel}] · L = ${countText(s.inputLength)}`);
    const current = position > 0 ? [position - 1] : [];
    this.input.onHover = (i) => ctx.status(i === null ? t('status.hint') : `${name(i)} = ${String(s.input[i] ?? '')}`);
    this.input.update({
      values: s.input,
      maxAbs: largestMagnitude(s.input),
      legendTitle: t('grids.input'),
      label: name,
      header: (i) => String(s.firstStep + i),
      focus: position > 0 ? [position - 1, position - 1] : [0, 0],
      marks: { current },
    });
  }

  private drawCanvas(ctx: ViewContext, s: StepStripPayload, position: number, taps: readonly number[]): void {
    const sum = stripSum(s, position);
    const final = stripSum(s, s.input.length);
    const crop: number[] = [];
    const outpad: number[] = [];
    for (let c = 0; c < s.canvas; c++) {
      const region = stripRegion(s, c);
      if (region === 'crop') crop.push(c);
      else if (region === 'outputPadding') outpad.push(c);
    }
    const outputEnd = s.cropStart + s.outputSize - 1;
    const geometry = [
      t('steps.stripGeometry', s.stride, s.dilation, s.cropStart, outputEnd),
      ...(s.outputPadding > 0 ? [`output_padding ${s.outputPadding}`] : []),
    ].join(', ');
    setText(
      this.canvasTitle,
      `${t('steps.canvas')} · ${t('steps.cells', countText(s.canvas))} · ${geometry} · ${t('steps.stripChannels', s.inChannel, s.outChannel)}`,
    );
    const name = (c: number) => t('steps.canvasCell1d', s.canvasStart + c);
    this.canvas.onHover = (c) =>
      ctx.status(c === null ? t('status.hint') : `${name(c)} = ${sum[c] === null ? '·' : String(sum[c])}`);
    const focus: [number, number] = taps.length > 0 ? [taps[0], taps[taps.length - 1]] : [0, 0];
    this.canvas.update({
      values: sum,
      maxAbs: largestMagnitude(final),
      scale: final,
      legendTitle: t('steps.canvas'),
      label: name,
      header: (c) => String(s.canvasStart + c),
      focus,
      marks: { crop, outpad, current: [...taps] },
    });
  }
}
