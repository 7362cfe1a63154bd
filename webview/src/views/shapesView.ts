/** Shapes: the chain's shape walk, then per layer and dimension the formula with numbers, the valid sizes and the round trip. */
import type { DimPayload, LayerPayload } from '../../../src/webviewProtocol';
import { el, linkButton, userText } from '../dom';
import { countText, shapeText } from '../format';
import { t } from '../strings';
import { formulaBox } from './formulaBox';
import type { View, ViewContext } from './view';

function walk(ctx: ViewContext): HTMLElement {
  const list = el('ol', { className: 'walk', attrs: { 'aria-label': t('shapes.walk') } });
  // Skip connections: the join's chip names its source, the source's chip names every join it feeds.
  const feeds = new Map<number, string[]>();
  for (const step of ctx.payload.walk)
    if (step.skip) feeds.set(step.skip.from, [...(feeds.get(step.skip.from) ?? []), step.label]);
  ctx.payload.walk.forEach((step, i) => {
    const chip = el('button', { className: 'walk-step', attrs: { type: 'button' } }, [
      userText(step.label, 'walk-label'),
      el('span', { className: 'walk-shape', text: shapeText(step.shape) }),
      ...(step.detail ? [el('span', { className: 'walk-detail', text: step.detail })] : []),
      ...(step.skip
        ? [
            el('span', {
              className: 'walk-skip',
              text: `${t('shapes.skipFrom', step.skip.label)} ${shapeText(step.skip.shape)}`,
            }),
          ]
        : []),
      ...(feeds.get(i) ?? []).map((to) => el('span', { className: 'walk-skip-source', text: t('shapes.skipTo', to) })),
    ]);
    if (step.skip) chip.dataset.skipFrom = String(step.skip.from);
    if (feeds.has(i)) chip.classList.add('skip-source');
    if (step.skip) chip.classList.add('skip-join');
    chip.classList.toggle('selected', step.layerId !== null && step.layerId === ctx.layer.id);
    if (step.layerId) {
      const id = step.layerId;
      chip.addEventListener('click', () => ctx.update({ layerId: id }));
    } else chip.disabled = true;
    list.append(
      el('li', {}, [
        ...(i > 0 ? [el('span', { className: 'walk-arrow', text: '→', attrs: { 'aria-hidden': 'true' } })] : []),
        chip,
      ]),
    );
  });
  return el('section', { className: 'card' }, [el('h3', { text: t('shapes.walk') }), list]);
}

function roundTripText(d: DimPayload): string {
  const parts: string[] = [];
  if (d.forwardOfOutput !== null) parts.push(t('shapes.forwardOfOutput', d.forwardOfOutput, d.inSize));
  if (d.roundTripOutputPadding !== null) parts.push(t('shapes.roundTripPadding', d.roundTripOutputPadding));
  return parts.join('; ') || '—';
}

/** Per dimension the typeset formula with its numbers, each in a box that scrolls sideways when it is too wide. */
function formulas(layer: LayerPayload): HTMLElement[] {
  const rows = layer.dims.map((d) =>
    el('div', { className: 'dim-formula' }, [
      el('span', { className: 'dim-axis', text: d.axis }),
      formulaBox(d),
      ...(d.tex.remark ? [el('p', { className: 'formula-remark muted', text: d.tex.remark })] : []),
    ]),
  );
  const abbreviations = new Map<string, string>();
  for (const d of layer.dims) for (const a of d.tex.abbreviations) abbreviations.set(a.symbol, a.field);
  const legend = el(
    'p',
    { className: 'formula-legend muted' },
    [...abbreviations].map(([symbol, field]) =>
      el('span', {}, [el('var', { text: symbol }), document.createTextNode(` = ${field}`)]),
    ),
  );
  return [...rows, ...(abbreviations.size > 0 ? [legend] : [])];
}

/** The valid output sizes and the round trip per dimension; nothing for a layer that has neither (a convolution). */
function factsTable(layer: LayerPayload): HTMLElement | null {
  if (layer.dims.every((d) => d.range === null && roundTripText(d) === '—')) return null;
  const head = el(
    'tr',
    {},
    ['', t('shapes.range'), t('shapes.roundTrip')].map((h) => el('th', { text: h, attrs: { scope: 'col' } })),
  );
  const rows = layer.dims.map((d) =>
    el('tr', {}, [
      el('th', { text: d.axis, attrs: { scope: 'row' } }),
      el('td', {
        className: 'range',
        text: d.range ? (d.range.min === d.range.max ? String(d.range.min) : `${d.range.min} … ${d.range.max}`) : '—',
      }),
      el('td', { text: roundTripText(d) }),
    ]),
  );
  // In a box of its own that scrolls sideways: at 420–600 px the last column would otherwise be cut off.
  return el('div', { className: 'table-scroll' }, [
    el('table', { className: 'dims' }, [el('thead', {}, [head]), el('tbody', {}, rows)]),
  ]);
}

function layerCard(layer: LayerPayload, ctx: ViewContext): HTMLElement {
  const reveal = (offset: number, length: number) => () => ctx.post({ type: 'reveal', offset, length });
  const name = linkButton('', t('toolbar.openSpec'), reveal(layer.span.offset, layer.span.length), 'layer-name');
  name.append(userText(layer.name));
  const title = el('h3', { className: 'layer-title' }, [
    name,
    el('span', { className: 'signature', text: layer.signature }),
  ]);
  const fields = el(
    'div',
    { className: 'fields' },
    layer.fields.map((f) => linkButton(f.field, t('shapes.openField', f.field), reveal(f.offset, f.length), 'field')),
  );
  const flow = el('p', { className: 'flow' }, [
    el('span', { text: shapeText(layer.inputShape) }),
    el('span', { className: 'walk-arrow', text: ' → ' }),
    el('strong', { text: shapeText(layer.outputShape) }),
    el('span', { className: 'muted', text: ` · ${t('shapes.multiplyAdds', countText(layer.multiplyAdds))}` }),
  ]);
  const card = el('section', { className: 'card layer-card' }, [
    title,
    flow,
    ...formulas(layer),
    factsTable(layer),
    fields,
  ]);
  card.classList.toggle('selected', layer.id === ctx.layer.id);
  card.dataset.layerId = layer.id;
  card.addEventListener('click', (event) => {
    if (!(event.target as Element).closest('button')) ctx.update({ layerId: layer.id });
  });
  return card;
}

export class ShapesView implements View {
  readonly id = 'shapes' as const;
  readonly root = el('div', { className: 'view shapes-view' });

  render(ctx: ViewContext): void {
    this.root.replaceChildren(walk(ctx), ...ctx.payload.layers.map((l) => layerCard(l, ctx)));
  }
}
