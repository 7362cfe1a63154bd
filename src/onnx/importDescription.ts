/** The imported spec's description: where it came from, what was left out, which kernels are not written. */
import * as l10n from '@vscode/l10n';
import type { onnx } from 'onnx-proto';
import type { ChainWalk } from './chainWalk';
import type { ImportNote, ImportOptions } from './importTypes';
import { int64 } from './protoValues';

export function baseName(fileName: string | undefined): string | undefined {
  return fileName?.split(/[\\/]/).pop();
}

/** "Relu ×3, Tanh": how many of each op a kind of note names. */
function opCounts(notes: readonly ImportNote[]): string {
  const counts = new Map<string, number>();
  for (const n of notes) counts.set(n.op, (counts.get(n.op) ?? 0) + 1);
  return [...counts].map(([op, n]) => (n === 1 ? op : `${op} ×${n}`)).join(', ');
}

export function describe(model: onnx.ModelProto, inputName: string, walk: ChainWalk, options: ImportOptions): string {
  const file = baseName(options.fileName) ?? 'model.onnx';
  const producer = [model.producerName, model.producerVersion].filter(Boolean).join(' ');
  const opset = (model.opsetImport ?? []).find((o) => !o.domain || o.domain === 'ai.onnx');
  const parts = [
    l10n.t(
      "Imported from {0} by tconv import: the chain from input '{1}' ({2}, opset {3}).",
      file,
      inputName,
      producer || l10n.t('producer unknown'),
      opset ? int64(opset.version) : '?',
    ),
  ];
  const left = walk.notes.filter((n) => n.kind === 'notModelled' || n.kind === 'branch');
  if (left.length > 0) parts.push(l10n.t('Left out (not modelled; values after them differ): {0}.', opCounts(left)));
  const omitted = walk.layers.filter((l) => typeof l.kernel === 'object' && !('data' in (l.kernel as object)));
  if (omitted.length > 0)
    parts.push(l10n.t('Kernels not written (random values here): {0}.', omitted.map((l) => String(l.name)).join(', ')));
  const stop = walk.stopNote;
  if (stop) parts.push(stop.message);
  return parts.join(' ');
}
