/** Overlap: how many kernel taps reach each output position; uneven overlap (kernel % stride ≠ 0) is the checkerboard. */
import type { OverlapPayload } from '../../../src/webviewProtocol';
import { TensorCard } from '../components/tensorCard';
import { el, setText } from '../dom';
import { t } from '../strings';
import type { View, ViewContext } from './view';

/** Taps per cell of the plane; in 3-D, of the depth slice `depth`, whose depth count multiplies every cell. */
function outer(o: OverlapPayload, depthFactor: number): number[] {
  const values: number[] = [];
  for (const h of o.countsH) for (const w of o.countsW) values.push(depthFactor * h * w);
  return values;
}

export class OverlapView implements View {
  readonly id = 'overlap' as const;
  readonly root = el('div', { className: 'view overlap-view' });
  private readonly note = el('p', { className: 'overlap-note' });
  private readonly axes = el('p', { className: 'muted' });
  private readonly map = new TensorCard('overlap-map', t('overlap.title'));
  private readonly message = el('section', { className: 'card view-message' });
  private readonly body = el('div', {}, [
    el('section', { className: 'card' }, [el('h3', { text: t('overlap.title') }), this.note, this.axes]),
    this.map.root,
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
    const taps =
      o.channelsPerTap === 1
        ? t('overlap.tapsOneChannel', o.min, o.max)
        : t('overlap.taps', o.min, o.max, o.channelsPerTap);
    const countsD = o.countsD ?? null;
    const d = countsD ? Math.max(0, Math.min(ctx.state.depth ?? 0, countsD.length - 1)) : 0;
    const depthFactor = countsD ? (countsD[d] ?? 0) : 1;
    setText(
      this.axes,
      `${countsD ? `D: ${countsD.join(' ')} · ` : ''}H: ${o.countsH.join(' ')} · W: ${o.countsW.join(' ')} · ${taps}`,
    );
    this.map.setTitle(
      `${o.countsH.length}×${o.countsW.length}${countsD ? ` · ${t('overlap.depth', d, depthFactor, countsD.length)}` : ''}`,
    );
    const values = outer(o, depthFactor);
    this.map.show({
      rows: o.countsH.length,
      cols: o.countsW.length,
      values,
      maxAbs: o.max,
      label: (r, c) => t('overlap.cell', r, c),
    });
    this.map.plane.onHover = (i) =>
      ctx.status(
        i === null
          ? t('status.hint')
          : `${t('overlap.cell', Math.floor(i / o.countsW.length), i % o.countsW.length)} = ${values[i]}`,
      );
  }
}
