/** How messages name a layer, and which token stands for a layer as a whole. */
import * as l10n from '@vscode/l10n';
import type { Span } from './edits';
import type { ConvFieldsModel, SpecModel } from './model';
import { keySpan } from './reporter';

export const FORWARD_INDEX = -1;

/** "layer 2 (up1)", "the layer", "the forward convolution": translated, for messages only. */
export function layerLabel(spec: SpecModel, index: number, model?: ConvFieldsModel): string {
  if (index === FORWARD_INDEX) return l10n.t('the forward convolution');
  const name = model?.name?.value;
  if (spec.layerForm === 'layer') return name !== undefined ? l10n.t('the layer ({0})', name) : l10n.t('the layer');
  return name !== undefined ? l10n.t('layer {0} ({1})', index + 1, name) : l10n.t('layer {0}', index + 1);
}

/**
 * The plan's display name: the written name, else "layer 2" / "layer" / "forward". Not translated: it is also
 * an identifier (the ONNX graph name in generated code, the CLI's JSON output).
 */
export function layerName(spec: SpecModel, index: number, model: ConvFieldsModel): string {
  if (model.name) return model.name.value;
  if (index === FORWARD_INDEX) return 'forward';
  return spec.layerForm === 'layer' ? 'layer' : `layer ${index + 1}`;
}

/** A short token for the whole layer: its "layer"/"forward" key, else its name, else its opening brace. */
export function layerAnchor(model: ConvFieldsModel): Span {
  if (model.ref.keyOffset !== undefined) return keySpan(model.ref);
  if (model.name) return model.name.ref;
  return { offset: model.ref.offset, length: 1 };
}

/** "the layer outputs…" → "The layer outputs…" at the start of a message. */
export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
