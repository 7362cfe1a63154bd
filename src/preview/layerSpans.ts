/** Where a layer and its fields sit in the spec text, so a click in the preview can reveal them. */
import type { FieldSpan, TextSpan } from '../webviewProtocol';
import type { ConvFieldsModel, LayerSpecModel, NodeRef } from '../specFile';

/** From the property key (when there is one) to the end of the value. */
export function spanOf(ref: NodeRef): TextSpan {
  const start = ref.keyOffset ?? ref.offset;
  return { offset: start, length: ref.offset + ref.length - start };
}

type FieldName = keyof ConvFieldsModel | keyof LayerSpecModel;

const FIELD_ORDER: readonly FieldName[] = [
  'name',
  'type',
  'inChannels',
  'outChannels',
  'kernelSize',
  'stride',
  'padding',
  'outputPadding',
  'dilation',
  'groups',
  'kernel',
  'bias',
  'expect',
];

export function fieldSpans(fields: ConvFieldsModel | LayerSpecModel): FieldSpan[] {
  const out: FieldSpan[] = [];
  const record = fields as unknown as Record<string, { ref?: NodeRef } | undefined>;
  for (const field of FIELD_ORDER) {
    const ref = record[field]?.ref;
    if (ref) out.push({ field, ...spanOf(ref) });
  }
  return out;
}
