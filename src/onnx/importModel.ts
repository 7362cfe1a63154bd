/**
 * An ONNX model → a tconv spec of its convolution / transposed-convolution chain, walked from an input
 * (chainWalk.ts): each Conv / ConvTranspose becomes a layer with its weights, bias and hyperparameters, and the
 * decoder ops tconv's chains hold (pooling, upsampling, pad, concatenation with a skip, addition of a residual)
 * become layers of their own. Element-wise ops (activations, normalisations) are left out and listed; the walk
 * stops at an op that changes the shape in a way tconv does not model. Pure: decoding uses protobufjs through
 * onnx-proto.
 */
import * as l10n from '@vscode/l10n';
import { onnx } from 'onnx-proto';
import { compactJson } from '../specFile/compactJson';
import { ChainWalk } from './chainWalk';
import { decodeOnnxModel } from './decodeModel';
import { indexGraph } from './graphIndex';
import { baseName, describe } from './importDescription';
import { OnnxImportError, type ImportNote, type ImportOptions, type ImportResult } from './importTypes';
import { dataTypeName, int64 } from './protoValues';

/** The graph input's shape as numbers: the first symbolic dimension (the batch) becomes 1, any other is an error. */
function declaredShape(input: onnx.IValueInfoProto, notes: ImportNote[]): number[] {
  const name = input.name ?? '';
  const dims = input.type?.tensorType?.shape?.dim;
  if (!dims)
    throw new OnnxImportError(
      'input-shape',
      l10n.t("the input '{0}' has no declared shape: give one with --input-shape N,C,H,W", name),
    );
  return dims.map((d, axis) => {
    const value = int64(d.dimValue);
    if (d.dimValue !== null && d.dimValue !== undefined && value > 0) return value;
    const symbol = d.dimParam || '?';
    if (axis === 0) {
      notes.push({
        kind: 'input',
        op: 'input',
        node: name,
        message: l10n.t("input '{0}': its batch dimension '{1}' is symbolic; written as 1", name, symbol),
        short: name,
      });
      return 1;
    }
    throw new OnnxImportError(
      'input-shape',
      l10n.t(
        "the input '{0}' has a symbolic dimension '{1}' (axis {2}): give its size with --input-shape N,C,H,W",
        name,
        symbol,
        axis,
      ),
    );
  });
}

/**
 * Imports the chain of a model (ModelProto bytes). Throws OnnxImportError when the bytes are not a model, the input
 * shape is unknown, or no Conv / ConvTranspose is on the path from an input.
 */
export function importOnnxModel(bytes: Uint8Array, options: ImportOptions = {}): ImportResult {
  const model = decodeOnnxModel(bytes);
  const graph = model.graph as onnx.IGraphProto;
  const index = indexGraph(graph);
  const inputs = (graph.input ?? []).filter((i) => i.name && !index.initializers.has(i.name));
  if (inputs.length === 0) throw new OnnxImportError('no-input', l10n.t('the graph has no input'));

  let first: OnnxImportError | undefined;
  for (const input of inputs) {
    const inputNotes: ImportNote[] = [];
    const shape = options.inputShape ? [...options.inputShape] : declaredShape(input, inputNotes);
    const dims = shape.length - 2;
    if (dims < 1 || dims > 3 || shape.some((d) => !Number.isInteger(d) || d < 1))
      throw new OnnxImportError(
        'input-shape',
        l10n.t('the input shape {0} is not N,C,L / N,C,H,W / N,C,D,H,W with positive sizes', `[${shape.join(', ')}]`),
      );
    const walk = new ChainWalk(index, dims, input.name ?? '', options);
    (graph.node ?? []).forEach((node, position) => walk.visit(node, position));
    if (walk.convLayers === 0) {
      const stop = walk.stopNote;
      first ??= new OnnxImportError(
        'no-conv',
        stop
          ? l10n.t("no Conv or ConvTranspose on the path from input '{0}': {1}", input.name ?? '', stop.message)
          : l10n.t("no Conv or ConvTranspose on the path from input '{0}'", input.name ?? ''),
      );
      continue;
    }
    const elemType = input.type?.tensorType?.elemType;
    if (elemType && elemType !== onnx.TensorProto.DataType.FLOAT && elemType !== onnx.TensorProto.DataType.DOUBLE)
      inputNotes.push({
        kind: 'input',
        op: 'input',
        node: input.name ?? '',
        message: l10n.t("input '{0}' is {1}: tconv computes in float64", input.name ?? '', dataTypeName(elemType)),
        short: input.name ?? '',
      });
    const notes = [...inputNotes, ...walk.notes];
    const file = baseName(options.fileName);
    const spec: Record<string, unknown> = {
      name: graph.name ? `${graph.name}${file ? ` (${file})` : ''}` : (file ?? 'ONNX model'),
      description: describe(model, input.name ?? '', walk, options),
      ...(dims !== 2 ? { dims } : {}),
      input: { shape },
      layers: walk.layers,
    };
    const layerCounts: Record<string, number> = {};
    for (const l of walk.layers) {
      const type = typeof l.type === 'string' ? l.type : 'convTranspose';
      layerCounts[type] = (layerCounts[type] ?? 0) + 1;
    }
    return {
      spec,
      text: compactJson(spec, { fillNumbers: true }),
      inputName: input.name ?? '',
      inputShape: shape,
      layerCounts,
      notes,
    };
  }
  throw first as OnnxImportError;
}
