/**
 * Overlap: how many kernel taps reach each output position; uneven overlap is the checkerboard. Each axis is
 * written in short (its borders, then the period that repeats every stride), a 2-D or 3-D layer's map is drawn as
 * a grid, and a long 1-D axis (HiFi-GAN's 2,048 positions) as a heat strip with a legend.
 */
import type { OverlapAxisPayload, OverlapPayload } from '../../../src/webviewProtocol';
import { HeatStrip } from '../components/heatStrip';
import { NumberGrid } from '../components/numberGrid';
import { TensorCard } from '../components/tensorCard';
import { el, setText } from '../dom';
import { countText } from '../format';
import { t } from '../strings';
import type { View, ViewContext } from './view';

/** Axes up to this long are listed count by count. */
const MAX_LISTED_COUNTS = 24;
/** A 1-D axis up to this long is a row of numbers; a longer one a heat strip, and its start as numbers. */
const MAX_NUMBER_ROW = 64;
/** The start of a long axis shown as numbers: the first border and a few periods, at most this many positions. */
const MAX_START_ROW = 48;

/** Taps per cell of the plane; in 3-D, of the depth slice `depth`, whose depth count multiplies every cell. */
function outer(o: OverlapPayload, depthFactor: number): number[] {
  const values: number[] = [];
  for (const h of o.countsH) for (const w of o.countsW) values.push(depthFactor * h * w);
  return values;
}

/** "1 1 2 2", or its first and last counts around "…" when it is long. */
function listText(counts: readonly number[]): string {
  return counts.length <= 16 ? counts.join(' ') : `${counts.slice(0, 8).join(' ')} … ${counts.slice(-4).join(' ')}`;
}

/** Each axis's counts and interior counts (by position modulo stride), in the order of `axes`. */
function axisArrays(o: OverlapPayload): { counts: readonly number[]; interior: readonly number[] }[] {
  if (o.axes.length === 1) return [{ counts: o.countsW, interior: o.interiorW }];
  const plane = [
    { counts: o.countsH, interior: o.interiorH },
    { counts: o.countsW, interior: o.interiorW },
  ];
  return o.countsD && o.interiorD ? [{ counts: o.countsD, interior: o.interiorD }, ...plane] : plane;
}

/** "L · 2,048 positions: first 4: 1 1 1 1 · then every 8 positions (the stride) repeats 2 2 … · last 4: 1 1 1 1". */
function axisText(a: OverlapAxisPayload, counts: readonly number[], interior: readonly number[]): string {
  if (counts.length <= MAX_LISTED_COUNTS) return `${a.axis}: ${counts.join(' ')}`;
  const heading = `${a.axis} · ${t('overlap.positions', countText(a.length))}`;
  if (!a.periodic || a.head + a.tail >= a.length) return `${heading}: ${listText(counts)}`;
  const period = Array.from({ length: a.stride }, (_, j) => interior[(a.head + j) % a.stride]);
  const parts = [
    ...(a.head > 0 ? [t('overlap.first', a.head, listText(counts.slice(0, a.head)))] : []),
    t(a.head > 0 ? 'overlap.period' : 'overlap.periodFromStart', a.stride, listText(period)),
    ...(a.tail > 0 ? [t('overlap.last', a.tail, listText(counts.slice(a.length - a.tail)))] : []),
  ];
  return `${heading}: ${parts.join(' · ')}`;
}

export class OverlapView implements View {
  readonly id = 'overlap' as const;
  readonly root = el('div', { className: 'view overlap-view' });
  private readonly note = el('p', { className: 'overlap-note' });
  private readonly axes = el('ul', { className: 'overlap-axes' });
  private readonly taps = el('p', { className: 'muted' });
  private readonly map = new TensorCard('overlap-map', t('overlap.title'));
  private readonly stripTitle = el('h3');
  private readonly strip = new HeatStrip('overlap-strip', t('overlap.title'));
  private readonly startTitle = el('p', { className: 'muted' });
  private readonly start = new NumberGrid('overlap-start', t('overlap.title'));
  private readonly stripCard = el('section', { className: 'card overlap-strip-card' }, [
    this.stripTitle,
    this.strip.root,
    this.startTitle,
    this.start.root,
  ]);
  private readonly message = el('section', { className: 'card view-message' });
  private readonly body = el('div', {}, [
    el('section', { className: 'card' }, [el('h3', { text: t('overlap.title') }), this.note, this.axes, this.taps]),
    this.map.root,
    this.stripCard,
  ]);

  constructor() {
    this.root.append(this.message, this.body);
  }

  render(ctx: ViewContext): void {
    const o = ctx.layer.overlap;
    this.message.hidden = o !== null;
    this.body.hidden = o === null;
    if (!o) {
      this.message.replaceChildren(el('p', { text: t('overlap.none') }));
      return;
    }
    setText(this.note, o.note);
    this.note.classList.toggle('checkerboard', o.unevenH || o.unevenW || o.unevenD === true);
    const arrays = axisArrays(o);
    this.axes.replaceChildren(
      ...o.axes.map((a, i) => el('li', { text: axisText(a, arrays[i].counts, arrays[i].interior) })),
    );
    setText(
      this.taps,
      o.channelsPerTap === 1
        ? t('overlap.tapsOneChannel', o.min, o.max)
        : t('overlap.taps', o.min, o.max, o.channelsPerTap),
    );
    const longStrip = o.axes.length === 1 && o.countsW.length > MAX_NUMBER_ROW;
    this.map.root.hidden = longStrip;
    this.stripCard.hidden = !longStrip;
    if (longStrip) this.showStrip(ctx, o);
    else this.showMap(ctx, o);
  }

  private showStrip(ctx: ViewContext, o: OverlapPayload): void {
    const axis = o.axes[0];
    setText(this.stripTitle, `${axis.axis} · ${t('overlap.positions', countText(axis.length))}`);
    this.strip.show(o.countsW, t('overlap.legend'));
    const hover = (i: number | null) =>
      ctx.status(i === null ? t('status.hint') : `${t('overlap.cell1d', i)} = ${o.countsW[i] ?? ''}`);
    this.strip.onHover = hover;
    const shown = Math.min(o.countsW.length, MAX_START_ROW, Math.max(16, axis.head + 3 * axis.stride));
    setText(this.startTitle, t('overlap.start', shown));
    this.start.update({
      rows: 1,
      cols: shown,
      value: (i) => o.countsW[i],
      maxAbs: o.max,
      label: (_, c) => t('overlap.cell1d', c),
    });
    this.start.onHover = hover;
  }

  private showMap(ctx: ViewContext, o: OverlapPayload): void {
    const oneD = o.axes.length === 1;
    const countsD = o.countsD ?? null;
    const d = countsD ? Math.max(0, Math.min(ctx.state.depth ?? 0, countsD.length - 1)) : 0;
    const depthFactor = countsD ? (countsD[d] ?? 0) : 1;
    this.map.setTitle(
      oneD
        ? `${o.axes[0].axis} · ${t('overlap.positions', countText(o.countsW.length))}`
        : `${o.countsH.length}×${o.countsW.length}${countsD ? ` · ${t('overlap.depth', d, depthFactor, countsD.length)}` : ''}`,
    );
    const values = outer(o, depthFactor);
    const label = (r: number, c: number) => (oneD ? t('overlap.cell1d', c) : t('overlap.cell', r, c));
    this.map.show({ rows: o.countsH.length, cols: o.countsW.length, values, maxAbs: o.max, label });
    this.map.plane.onHover = (i) =>
      ctx.status(
        i === null
          ? t('status.hint')
          : `${label(Math.floor(i / o.countsW.length), i % o.countsW.length)} = ${values[i]}`,
      );
  }
}
