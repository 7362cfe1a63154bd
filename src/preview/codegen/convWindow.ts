/**
 * A convolution layer's padding as every framework sees it, per axis (paddingModes.ts): a transposed layer keeps
 * rows [begin, C − end) of its canvas C = (in − 1)·stride + dilation·(kernel − 1) + 1 (a negative end appends rows
 * that hold the bias); a forward convolution pads its input with begin / end zeros, then the trim slices its output.
 * Also the padding fields as written, so each framework's code can use its own where it has them.
 */
import { transposedCanvas } from '../../engine';
import type { LayerPlan } from '../../specFile';
import type { IntOrTupleField, LayerSpecModel } from '../../specFile/model';

export interface ConvWindow {
  /** Transposed: rows dropped from the canvas (trim included). Convolution: zeros added to the input. */
  readonly begin: readonly number[];
  readonly end: readonly number[];
  /** Convolution only: rows removed from the output after the layer (the trim); zeros for a transposed layer. */
  readonly trimBegin: readonly number[];
  readonly trimEnd: readonly number[];
  /** Transposed: the canvas length per axis. */
  readonly canvas: readonly number[];
}

/** The fields a framework may have written natively. */
export interface WrittenPadding {
  readonly keras: 'same' | 'valid' | null;
  readonly onnx: boolean;
  readonly autoPad: string | null;
  readonly pads: readonly number[] | null;
  readonly outputShape: readonly number[] | null;
  /** output_padding as written (null when absent). */
  readonly outputPadding: readonly number[] | null;
  /** The trim as written, per axis (zeros when absent). */
  readonly trimBegin: readonly number[];
  readonly trimEnd: readonly number[];
}

const perDim = (field: IntOrTupleField | undefined, dims: number, fallback: number): number[] => {
  const value = field?.value;
  if (value === undefined) return new Array<number>(dims).fill(fallback);
  return typeof value === 'number' ? new Array<number>(dims).fill(value) : [...value];
};

/** The layer's own model when it is a chain layer (the paired forward convolution has no outputPadding or trim). */
function chainLayerModel(plan: LayerPlan): LayerSpecModel | undefined {
  return 'op' in plan.spec ? (plan.spec as LayerSpecModel) : undefined;
}

export function writtenPadding(plan: LayerPlan): WrittenPadding {
  const dims = plan.params.stride.length;
  const fields = plan.spec;
  const model = chainLayerModel(plan);
  const transposed = plan.kind === 'convTranspose';
  const outputShape = transposed ? (model?.outputShape?.value ?? null) : null;
  return {
    keras: fields.kerasPadding?.value ?? null,
    onnx: fields.pads !== undefined || fields.autoPad !== undefined || outputShape !== null,
    autoPad: fields.autoPad?.value ?? null,
    pads: fields.pads?.value ?? null,
    outputShape,
    outputPadding: transposed && model?.outputPadding ? perDim(model.outputPadding, dims, 0) : null,
    trimBegin: perDim(model?.trim?.begin, dims, 0),
    trimEnd: perDim(model?.trim?.end, dims, 0),
  };
}

export function convWindow(plan: LayerPlan): ConvWindow {
  const { stride, dilation, padding, outputPadding } = plan.params;
  const kernel = plan.weightShape.slice(2);
  const spatialIn = plan.inputShape.slice(2);
  const zeros = kernel.map(() => 0);
  const p = plan.padding;
  if (plan.kind === 'convTranspose') {
    const canvas = kernel.map((k, d) =>
      transposedCanvas({ inSize: spatialIn[d], kernel: k, stride: stride[d], dilation: dilation[d] }),
    );
    return {
      begin: p ? p.begin : padding,
      end: p ? p.end : padding.map((v, d) => v - outputPadding[d]),
      trimBegin: zeros,
      trimEnd: zeros,
      canvas,
    };
  }
  return {
    begin: p ? p.axes.map((a) => a.begin) : padding,
    end: p ? p.axes.map((a) => a.end) : padding,
    trimBegin: p ? p.trimBegin : zeros,
    trimEnd: p ? p.trimEnd : zeros,
    canvas: zeros,
  };
}
