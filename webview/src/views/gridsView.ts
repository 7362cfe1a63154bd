/** Grids: the selected planes of input, kernel, bias and output as numeric heat-map tables. Hover links output and input cells. */
import type { LayerPayload, TensorPayload } from '../../../src/webviewProtocol';
import { linksOf, inPlane } from '../components/matrixLinks';
import { TensorCard } from '../components/tensorCard';
import { el } from '../dom';
import { fullText, shapeText } from '../format';
import { t } from '../strings';
import { cellIndex, maxAbsOf, planeChoice, planeOf, sameGroup } from '../tensorPlanes';
import { requestPlanes, type View, type ViewContext } from './view';

function missingPlane(ctx: ViewContext): Node[] {
  const button = el('vscode-button', { text: t('grids.request'), attrs: { secondary: '' } });
  button.addEventListener('click', () => requestPlanes(ctx));
  return [el('p', { className: 'muted', text: t('grids.notSent') }), button];
}

export class GridsView implements View {
  readonly id = 'grids' as const;
  readonly root = el('div', { className: 'view grids-view' });
  private readonly message = el('div', { className: 'card view-message' });
  private readonly input = new TensorCard('grid-input', t('grids.input'));
  private readonly kernel = new TensorCard('grid-kernel', t('grids.kernel'));
  private readonly bias = new TensorCard('grid-bias', t('grids.bias'));
  private readonly output = new TensorCard('grid-output', t('grids.output'));
  private readonly cards = el('div', { className: 'card-row' }, [
    this.input.root,
    this.kernel.root,
    this.bias.root,
    this.output.root,
  ]);

  constructor() {
    this.root.append(this.message, this.cards);
  }

  render(ctx: ViewContext): void {
    const layer = ctx.layer;
    const values = layer.values;
    this.message.hidden = values !== null;
    this.cards.hidden = values === null;
    if (!values) {
      const compute = el('vscode-button', { text: t('grids.compute') });
      compute.addEventListener('click', () => requestPlanes(ctx));
      this.message.replaceChildren(el('p', { text: layer.valuesNote ?? t('grids.noValues') }), compute);
      return;
    }
    const { batch, inChannel, outChannel, depth } = ctx.state;
    const choice = planeChoice(layer, batch, inChannel, outChannel, depth ?? 0);
    this.showPlane(ctx, this.input, values.input, choice.input, choice.inputLead, `${t('grids.input')} x`);
    if (sameGroup(layer, inChannel, outChannel))
      this.showPlane(ctx, this.kernel, values.weight, choice.weight, choice.weightLead, `${t('grids.kernel')} w`);
    else
      this.kernel.showMessage(
        el('p', { className: 'muted', text: t('grids.otherGroup', layer.params.groups, inChannel, outChannel) }),
      );
    this.bias.root.hidden = values.bias === null;
    if (values.bias) this.showPlane(ctx, this.bias, values.bias, 0, [], `${t('grids.bias')} b`);
    this.showPlane(ctx, this.output, values.output, choice.output, choice.outputLead, `${t('grids.output')} y`);
    this.bias.plane.mark('selected-cell', [outChannel]);
    this.link(ctx, layer);
  }

  private showPlane(
    ctx: ViewContext,
    card: TensorCard,
    tensor: TensorPayload,
    plane: number,
    lead: readonly number[],
    name: string,
  ): void {
    const symbol = name.slice(-1);
    const oneDimensional = tensor.shape.length - lead.length === 1;
    card.setTitle(
      `${name}${lead.length ? `[${lead.join(', ')}]` : ''} · ${shapeText(oneDimensional ? [tensor.planeShape[1]] : tensor.planeShape)}`,
    );
    const values = planeOf(tensor, plane);
    if (!values) {
      card.plane.onHover = null;
      card.showMessage(...missingPlane(ctx));
      return;
    }
    const label = (row: number, col: number) => `${symbol}${cellIndex(tensor, lead, row, col)}`;
    card.show({ rows: values.rows, cols: values.cols, values: values.values, maxAbs: maxAbsOf(tensor), label });
    card.plane.onHover = (i) => {
      if (i === null) ctx.status(t('status.hint'));
      else ctx.status(`${label(Math.floor(i / values.cols), i % values.cols)} = ${fullText(values.values[i])}`);
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
