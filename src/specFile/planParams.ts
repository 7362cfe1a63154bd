/** Hyperparameters as written (scalar or one value per dimension) → one value per spatial dimension. */
import * as l10n from '@vscode/l10n';
import type { ConvParams } from '../engine';
import { replaceEdit } from './edits';
import { formatPath } from './format';
import type { ConvFieldsModel, Dims, IntOrTupleField, LayerSpecModel } from './model';
import type { Reporter } from './reporter';

/** The field's values per dimension, the fallback when absent, or null (reported) when the tuple has the wrong length. */
export function expandPerDim(
  field: IntOrTupleField | undefined,
  dims: Dims,
  fallback: number,
  reporter: Reporter,
): number[] | null {
  if (!field) return new Array<number>(dims).fill(fallback);
  const value = field.value;
  if (typeof value === 'number') return new Array<number>(dims).fill(value);
  if (value.length === dims) return [...value];
  const canBeScalar = value.length > 0 && value.every((v) => v === value[0]);
  const path = formatPath(field.ref.path);
  let message: string;
  if (dims === 1) {
    // A 1-D spec reaches here with 0 or 2+ values.
    message = l10n.t('{0} lists {1} values, but this spec is 1-D: write one value (L).', path, value.length);
  } else if (dims === 3) {
    message =
      value.length === 1
        ? l10n.t(
            '{0} lists 1 value, but this spec is 3-D: write one value for all three dimensions or three values [D, H, W].',
            path,
          )
        : l10n.t(
            '{0} lists {1} values, but this spec is 3-D: write one value for all three dimensions or three values [D, H, W].',
            path,
            value.length,
          );
  } else {
    message =
      value.length === 1
        ? l10n.t(
            '{0} lists 1 value, but this spec is 2-D: write one value for both dimensions or two values [H, W].',
            path,
          )
        : l10n.t(
            '{0} lists {1} values, but this spec is 2-D: write one value for both dimensions or two values [H, W].',
            path,
            value.length,
          );
  }
  reporter.report(
    'tuple-length',
    message,
    field.ref,
    canBeScalar
      ? {
          fixes: [
            {
              title: l10n.t('Write {0} as {1}', path, value[0]),
              edits: [replaceEdit(field.ref, String(value[0]))],
              isPreferred: true,
            },
          ],
        }
      : {},
  );
  return null;
}

/** Resolved hyperparameters, or null when any tuple had the wrong length (each one reported). */
export function resolveParams(
  fields: ConvFieldsModel,
  outputPadding: LayerSpecModel['outputPadding'],
  dims: Dims,
  reporter: Reporter,
): ConvParams | null {
  const stride = expandPerDim(fields.stride, dims, 1, reporter);
  const padding = expandPerDim(fields.padding, dims, 0, reporter);
  const dilation = expandPerDim(fields.dilation, dims, 1, reporter);
  const padOut = expandPerDim(outputPadding, dims, 0, reporter);
  if (!stride || !padding || !dilation || !padOut) return null;
  return { stride, padding, dilation, outputPadding: padOut, groups: fields.groups?.value ?? 1 };
}
