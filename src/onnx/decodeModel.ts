import * as l10n from '@vscode/l10n';
import { onnx } from 'onnx-proto';
import { OnnxImportError } from './importTypes';

/** Decodes ModelProto bytes; anything protobuf cannot read, or that has no graph, is an OnnxImportError. */
export function decodeOnnxModel(bytes: Uint8Array): onnx.ModelProto {
  let model: onnx.ModelProto;
  try {
    model = onnx.ModelProto.decode(bytes);
  } catch (e) {
    throw new OnnxImportError(
      'not-onnx',
      l10n.t('not an ONNX model: protobuf cannot decode it ({0})', e instanceof Error ? e.message : String(e)),
    );
  }
  if (!model.graph || (model.graph.node ?? []).length === 0)
    throw new OnnxImportError('no-graph', l10n.t('not an ONNX model, or an empty one: it has no graph nodes'));
  return model;
}
