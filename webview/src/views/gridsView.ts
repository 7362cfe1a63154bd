/**
 * Grids: the selected planes of input, kernel, bias and output as numeric heat-map tables; of a layer without a
 * kernel (pool, upsample, pad, crop, concat, add), its input(s) and output. A plane the render did not send is
 * asked of the host (PlaneStore); a large plane arrives pooled and is drawn as a heat map whose cells name the
 * index ranges they cover. Hover links output and input cells.
 */
import type {
  FocusedPlanesPayload,
  LayerPayload,
  OpLayerPayload,
  PreviewFocus,
  TensorPayload,
} from '../../../src/webviewProtocol';
import { opPlaneChoice } from '../../../src/preview/opPlanes';
import { linksOf, inPlane } from '../components/matrixLinks';
import { TensorCard } from '../components/tensorCard';
import { el, setText } from '../dom';
import { fullText, shapeText } from '../format';
import type { PlaneStore } from '../planeStore';
import { pooledIndex } from '../pooledIndex';
import { selectedOpLayer } from '../state';
import { t } from '../strings';
import { cellIndex, maxAbsOf, planeChoice, planeOf, sameGroup } from '../tensorPlanes';
import type { View, ViewContext } from './view';

/** The render's tensor when it holds the plane, else the host's answer when that does. */
function withPlane(
  sent: TensorPayload | null | undefined,
  answered: TensorPayload | null | undefined,
  plane: number,
): TensorPayload | null {
  if (sent && planeOf(sent, plane)) return sent;
  if (answered && planeOf(answered, plane)) return answered;
  return null;
}

interface Shown {
  readonly card: TensorCard;
  readonly tensor: TensorPayload | null;
  readonly plane: number;
  readonly lead: readonly number[];
  /** "Input x", "Skip enc1": the card's title; `symbol` names the cells. */
  readonly title: string;
  readonly symbol: string;
}

export class GridsView implements View {
  readonly id = 'grids' as const;
  readonly root = el('div', { className: 'view grids-view' });
  private readonly message = el('div', { className: 'card view-message' });
  private readonly caption = el('p', { className: 'grids-caption' });
  private readonly input = new TensorCard('grid-input', t('grids.input'));
  private readonly skip = new TensorCard('grid-skip', t('grids.skip'));
  private readonly kernel = new TensorCard('grid-kernel', t('grids.kernel'));
  private readonly bias = new TensorCard('grid-bias', t('grids.bias'));
  private readonly output = new TensorCard('grid-output', t('grids.output'));
  private readonly cards = el('div', { className: 'card-row' }, [
    this.input.root,
    this.skip.root,
    this.kernel.root,
    this.bias.root,
    this.output.root,
  ]);

  constructor(private readonly planes: PlaneStore) {
    this.root.append(this.message, this.caption, this.cards);
  }

  render(ctx: ViewContext): void {
    const op = selectedOpLayer(ctx.payload, ctx.state.layerId);
    if (op) this.renderOp(ctx, op);
    else this.renderLayer(ctx, ctx.layer);
  }

  private focusOf(ctx: ViewContext, layerId: string, threeD: boolean, inChannel: number): PreviewFocus {
    const { batch, outChannel, depth } = ctx.state;
    return { layerId, batch, inChannel, outChannel, ...(threeD ? { depth: depth ?? 0 } : {}) };
  }

  /**
   * Planes missing from the render are asked for when that is cheap (the render has the layer's values, or the host
   * answered for this layer already); otherwise a button asks. False when there is nothing to draw yet.
   */
  private ensurePlanes(
    ctx: ViewContext,
    layer: { readonly id: string; readonly planesOnRequest?: boolean; readonly valuesNote: string | null },
    focus: PreviewFocus,
    complete: boolean,
    hasValues: boolean,
    answer: FocusedPlanesPayload | null,
  ): boolean {
    if (complete) return true;
    if (answer?.note) return this.showMessage(answer.note, null);
    if (layer.planesOnRequest !== true) return this.showMessage(layer.valuesNote ?? t('grids.noValues'), null);
    if (hasValues || this.planes.hasAnswered(layer.id) || this.planes.isPending(focus)) {
      this.planes.request(focus);
      return true;
    }
    return this.showMessage(layer.valuesNote ?? t('grids.noValues'), () => {
      this.planes.request(focus);
      this.render(ctx);
    });
  }

  private showMessage(text: string, compute: (() => void) | null): false {
    this.message.hidden = false;
    this.cards.hidden = true;
    const nodes: Node[] = [el('p', { text })];
    if (compute) {
      const button = el('vscode-button', { text: t('grids.compute') });
      button.addEventListener('click', compute);
      nodes.push(button);
    }
    this.message.replaceChildren(...nodes);
    return false;
  }

  private showCards(caption: string | null): void {
    this.message.hidden = true;
    this.cards.hidden = false;
    setText(this.caption, caption ?? '');
    this.caption.hidden = caption === null;
  }

  private renderLayer(ctx: ViewContext, layer: LayerPayload): void {
    const { batch, inChannel, outChannel, depth } = ctx.state;
    const choice = planeChoice(layer, batch, inChannel, outChannel, depth ?? 0);
    const focus = this.focusOf(ctx, layer.id, layer.inputShape.length === 5, inChannel);
    const answer = this.planes.get(focus);
    const values = layer.values;
    const kernelShown = sameGroup(layer, inChannel, outChannel);
    const input = withPlane(values?.input, answer?.input, choice.input);
    const weight = withPlane(values?.weight, answer?.weight, choice.weight);
    const output = withPlane(values?.output, answer?.output, choice.output);
    const bias = values?.bias ?? answer?.bias ?? null;
    const complete = input !== null && output !== null && (weight !== null || !kernelShown);
    this.caption.hidden = true;
    if (!this.ensurePlanes(ctx, layer, focus, complete, values !== null, answer)) return;
    this.showCards(null);
    this.skip.root.hidden = true;
    this.kernel.root.hidden = false;
    this.showPlane(ctx, {
      card: this.input,
      tensor: input,
      plane: choice.input,
      lead: choice.inputLead,
      title: `${t('grids.input')} x`,
      symbol: 'x',
    });
    if (kernelShown)
      this.showPlane(ctx, {
        card: this.kernel,
        tensor: weight,
        plane: choice.weight,
        lead: choice.weightLead,
        title: `${t('grids.kernel')} w`,
        symbol: 'w',
      });
    else {
      this.kernel.setCaption(null);
      this.kernel.showMessage(
        el('p', { className: 'muted', text: t('grids.otherGroup', layer.params.groups, inChannel, outChannel) }),
      );
    }
    this.bias.root.hidden = bias === null;
    if (bias)
      this.showPlane(ctx, {
        card: this.bias,
        tensor: bias,
        plane: 0,
        lead: [],
        title: `${t('grids.bias')} b`,
        symbol: 'b',
      });
    this.showPlane(ctx, {
      card: this.output,
      tensor: output,
      plane: choice.output,
      lead: choice.outputLead,
      title: `${t('grids.output')} y`,
      symbol: 'y',
    });
    this.bias.plane.mark('selected-cell', [outChannel]);
    if (!input?.pooled && !output?.pooled) this.link(ctx, layer);
  }

  private renderOp(ctx: ViewContext, op: OpLayerPayload): void {
    const { batch, outChannel, depth } = ctx.state;
    const choice = opPlaneChoice(op, batch, outChannel, depth ?? 0);
    // The input channel follows the output channel: the focus names the output channel only.
    const focus = this.focusOf(ctx, op.id, op.outputShape.length === 5, 0);
    const answer = this.planes.get(focus);
    const values = op.values;
    const input = withPlane(values?.input, answer?.input, choice.input);
    const skip = choice.skip === null ? null : withPlane(values?.skip, answer?.skip, choice.skip);
    const output = withPlane(values?.output, answer?.output, choice.output);
    const complete = input !== null && output !== null && (choice.skip === null || skip !== null);
    if (!this.ensurePlanes(ctx, op, focus, complete, values !== null, answer)) {
      this.caption.hidden = true;
      return;
    }
    this.showCards(`${op.name}: ${op.signature}`);
    this.kernel.root.hidden = true;
    this.bias.root.hidden = true;
    this.skip.root.hidden = choice.skip === null;
    this.showPlane(ctx, {
      card: this.input,
      tensor: input,
      plane: choice.input,
      lead: choice.inputLead,
      title: `${t('grids.input')} x`,
      symbol: 'x',
    });
    if (choice.skip !== null && choice.skipLead && op.skipName !== null)
      this.showPlane(ctx, {
        card: this.skip,
        tensor: skip,
        plane: choice.skip,
        lead: choice.skipLead,
        title: `${t('grids.skip')} ${op.skipName}`,
        symbol: op.skipName,
      });
    this.showPlane(ctx, {
      card: this.output,
      tensor: output,
      plane: choice.output,
      lead: choice.outputLead,
      title: `${t('grids.output')} y`,
      symbol: 'y',
    });
    if (op.op === 'concat' && op.skipShape) {
      // Which output channels each input gives, and which one the selected output channel comes from.
      const cIn = op.inputShape[1];
      this.input.setCaption(t('grids.givesChannels', 0, cIn - 1));
      this.skip.setCaption(t('grids.givesChannels', cIn, cIn + op.skipShape[1] - 1));
    }
    this.input.root.classList.toggle('feeds-output', op.op === 'concat' && choice.source === 'input');
    this.skip.root.classList.toggle('feeds-output', op.op === 'concat' && choice.source === 'skip');
  }

  private showPlane(ctx: ViewContext, shown: Shown): void {
    const { card, tensor, plane, lead, title, symbol } = shown;
    card.root.classList.remove('feeds-output');
    card.setCaption(null);
    if (!tensor) {
      card.plane.onHover = null;
      card.setTitle(title);
      card.showMessage(el('p', { className: 'muted', text: t('grids.loading') }));
      return;
    }
    const oneDimensional = tensor.shape.length - lead.length === 1;
    card.setTitle(
      `${title}${lead.length ? `[${lead.join(', ')}]` : ''} · ${shapeText(oneDimensional ? [tensor.planeShape[1]] : tensor.planeShape)}`,
    );
    const values = planeOf(tensor, plane);
    if (!values) return;
    const factor = values.factor ?? 1;
    const label =
      factor === 1
        ? (row: number, col: number) => `${symbol}${cellIndex(tensor, lead, row, col)}`
        : (row: number, col: number) =>
            `${symbol}${pooledIndex(tensor.planeShape, oneDimensional, lead, factor, row, col)}`;
    if (factor > 1)
      card.setCaption(t('grids.pooled', shapeText(tensor.planeShape), shapeText([values.rows, values.cols]), factor));
    card.show({
      rows: values.rows,
      cols: values.cols,
      values: values.values,
      maxAbs: maxAbsOf(tensor),
      label,
      pooled: factor > 1,
    });
    card.plane.onHover = (i) => {
      if (i === null) {
        ctx.status(t('status.hint'));
        return;
      }
      const name = label(Math.floor(i / values.cols), i % values.cols);
      const value = fullText(values.values[i]);
      ctx.status(factor > 1 ? t('grids.pooledHover', name, value) : `${name} = ${value}`);
    };
  }

  /** Hover an output cell: the input cells it reads light up; hover an input cell: the outputs it writes. */
  private link(ctx: ViewContext, layer: LayerPayload): void {
    const links = linksOf(layer.matrix);
    const [inSize, outSize] = [layer.inputShape.slice(2), layer.outputShape.slice(2)].map((s) =>
      s.reduce((a, b) => a * b, 1),
    );
    const { inChannel, outChannel } = ctx.state;
    const outputHover = this.output.plane.onHover;
    const inputHover = this.input.plane.onHover;
    this.output.plane.onHover = (i) => {
      outputHover?.(i);
      this.input.plane.mark(
        'linked',
        i === null || !links ? [] : inPlane(links.inputsOf(outChannel * outSize + i), inChannel, inSize),
      );
    };
    this.input.plane.onHover = (i) => {
      inputHover?.(i);
      this.output.plane.mark(
        'linked',
        i === null || !links ? [] : inPlane(links.outputsOf(inChannel * inSize + i), outChannel, outSize),
      );
    };
  }
}
