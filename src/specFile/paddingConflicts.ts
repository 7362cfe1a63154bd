/**
 * Two padding fields on one layer that say the same thing two ways (PyTorch's padding and ONNX's pads, auto_pad and
 * explicit pads, Keras' rule and ONNX's fields, output_shape and pads): an error on the one written second, with a
 * fix that removes it (or, for symmetric pads, writes them as padding).
 */
import * as l10n from '@vscode/l10n';
import type { Fix, TextEdit } from './diagnostics';
import { replaceEdit, type Span } from './edits';
import { formatList } from './format';
import type { LayerRequest } from './layerRequest';
import type { LayerSpecModel, NodeRef } from './model';
import type { Reporter } from './reporter';

/** An edit deleting a property (its key, value and one neighbouring comma); undefined without the source text. */
function removePropertyEdit(reporter: Reporter, ref: NodeRef): TextEdit | undefined {
  const text = reporter.source?.text;
  if (text === undefined || ref.keyOffset === undefined) return undefined;
  let start = ref.keyOffset;
  let end = ref.offset + ref.length;
  let before = start;
  while (before > 0 && /\s/.test(text[before - 1])) before--;
  if (text[before - 1] === ',') start = before - 1;
  else {
    let after = end;
    while (after < text.length && /\s/.test(text[after])) after++;
    if (text[after] === ',') {
      after++;
      while (after < text.length && /[ \t]/.test(text[after])) after++;
      end = after;
    }
  }
  return { offset: start, length: end - start, newText: '' };
}

function keyName(ref: NodeRef): string {
  return String(ref.path[ref.path.length - 1]);
}

function removeFix(reporter: Reporter, ref: NodeRef, preferred = true): Fix[] {
  const edit = removePropertyEdit(reporter, ref);
  return edit ? [{ title: l10n.t('Remove "{0}"', keyName(ref)), edits: [edit], isPreferred: preferred }] : [];
}

/** Two written fields that say the same thing two ways: the error goes on the one written second. */
function conflict(
  reporter: Reporter,
  a: { ref: NodeRef } | undefined,
  b: { ref: NodeRef } | undefined,
  why: string,
  extraFixes: (second: NodeRef, first: NodeRef) => Fix[] = () => [],
): boolean {
  if (!a || !b) return false;
  const [first, second] = a.ref.offset <= b.ref.offset ? [a.ref, b.ref] : [b.ref, a.ref];
  const span: Span =
    second.keyOffset !== undefined ? { offset: second.keyOffset, length: second.keyLength ?? 0 } : second;
  reporter.report(
    'padding-conflict',
    l10n.t('"{0}" and "{1}" both set this layer\'s padding: {2}', keyName(first), keyName(second), why),
    span,
    {
      fixes: [...extraFixes(second, first), ...removeFix(reporter, second, extraFixes(second, first).length === 0)],
      related: [{ offset: first.offset, length: first.length, message: l10n.t('the other one') }],
    },
  );
  return true;
}

/** Reports the conflicting combinations; true when there was one. */
export function reportConflicts(req: LayerRequest, model: LayerSpecModel | undefined, reporter: Reporter): boolean {
  const f = req.fields;
  const autoPad = f.autoPad && f.autoPad.value !== 'NOTSET' ? f.autoPad : undefined;
  const symmetricPads = (): number[] | null => {
    const pads = f.pads?.value;
    if (!pads || pads.length !== 2 * req.spec.dims) return null;
    const half = pads.slice(0, req.spec.dims);
    return half.every((v, d) => v === pads[d + req.spec.dims]) ? half : null;
  };
  let found = false;
  found ||= conflict(
    reporter,
    f.padding,
    f.pads,
    l10n.t('"pads" is ONNX\'s begin/end padding, "padding" PyTorch\'s symmetric one; keep one.'),
    (second) => {
      const sym = symmetricPads();
      if (!sym || !f.padding || keyName(second) !== 'pads') return [];
      const remove = removePropertyEdit(reporter, second);
      if (!remove) return [];
      const text = sym.every((v) => v === sym[0]) ? String(sym[0]) : formatList(sym);
      return [
        {
          title: l10n.t('Write the symmetric pads as "padding": {0}', text),
          edits: [replaceEdit(f.padding.ref, text), remove],
          isPreferred: true,
        },
      ];
    },
  );
  found ||= conflict(
    reporter,
    autoPad,
    f.pads,
    l10n.t('ONNX computes the pads from auto_pad {0} and ignores explicit ones; keep one.', String(autoPad?.value)),
  );
  found ||= conflict(
    reporter,
    autoPad,
    f.padding,
    l10n.t('auto_pad {0} computes the padding; keep one.', String(autoPad?.value)),
  );
  for (const other of [f.pads, f.autoPad, model?.outputShape])
    found ||= conflict(
      reporter,
      f.kerasPadding,
      other,
      l10n.t(
        'padding "{0}" is Keras\' rule; ONNX\'s fields describe another one. Keep one.',
        String(f.kerasPadding?.value),
      ),
    );
  for (const other of [f.padding, f.pads])
    found ||= conflict(
      reporter,
      model?.outputShape,
      other,
      l10n.t('ONNX derives the pads from output_shape; keep one.'),
    );
  return found;
}
