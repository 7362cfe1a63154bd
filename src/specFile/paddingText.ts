/**
 * A layer's ONNX / Keras padding or trim in words, for the hover, `tconv show` and the preview's Code view: the
 * rule with its numbers, and PyTorch's equivalent (padding + output_padding, then a slice when they cannot
 * express it alone; F.pad before a convolution whose two ends differ).
 */
import * as l10n from '@vscode/l10n';
import type { LayerPadding, LayerPlan } from './plan';

export interface PaddingText {
  /** "padding: ONNX auto_pad SAME_UPPER" and, per axis, how begin and end follow, with numbers. */
  readonly lines: readonly string[];
  /** PyTorch's padding and output_padding express the layer alone. */
  readonly exact: boolean;
  /** One sentence: exact, or "PyTorch cannot express it with padding/output_padding alone; …, then:" (torchCode). */
  readonly verdict: string;
  /** Python lines after `layer = nn.ConvTranspose…(…)` computing the same output from `x` into `y`. */
  readonly torchCode: readonly string[];
}

const tuple = (values: readonly number[]) => (values.length === 1 ? String(values[0]) : `(${values.join(', ')})`);

/** `y[..., 1:7, 2:5]` */
export function sliceText(name: string, slice: readonly { start: number; stop: number }[]): string {
  return `${name}[..., ${slice.map((s) => `${s.start}:${s.stop}`).join(', ')}]`;
}

/** F.pad's argument: last axis first, (begin, end) each. */
function fPadArgs(begin: readonly number[], end: readonly number[]): string {
  return `(${begin
    .map((b, d) => [b, end[d]])
    .reverse()
    .flat()
    .join(', ')})`;
}

function torchCode(plan: LayerPlan, p: LayerPadding): string[] {
  const t = p.torch;
  if (plan.kind === 'convTranspose') {
    const code = ['y = layer(x)'];
    if (t.slice) code.push(`y = ${sliceText('y', t.slice)}`);
    if (t.padAfter)
      code.push(
        `y = F.pad(y, ${fPadArgs(
          t.padAfter.map(() => 0),
          t.padAfter,
        )})  # ${l10n.t('rows beyond output_padding; with a bias, add it to them')}`,
      );
    return code;
  }
  const code: string[] = [];
  code.push(p.inputPad ? `y = layer(F.pad(x, ${fPadArgs(p.inputPad.begin, p.inputPad.end)}))` : 'y = layer(x)');
  if (t.slice) code.push(`y = ${sliceText('y', t.slice)}`);
  return code;
}

export function paddingText(plan: LayerPlan): PaddingText | null {
  const p = plan.padding;
  if (!p) return null;
  const lines = [
    plan.kind === 'convTranspose'
      ? l10n.t('padding: {0}; C = (in − 1)·stride + dilation·(kernel − 1) + 1 is the uncropped output', p.rule)
      : l10n.t('padding: {0}; the input gets begin zeros before it and end zeros after it', p.rule),
    `  ${p.axes[0].padFormula}`,
  ];
  for (const a of p.axes) lines.push(`  ${a.axis}: ${a.padSubstituted}`);
  if (p.trimBegin.some((v) => v > 0) || p.trimEnd.some((v) => v > 0))
    lines.push(l10n.t('trim: begin {0}, end {1} after the layer', tuple(p.trimBegin), tuple(p.trimEnd)));
  const transposed = plan.kind === 'convTranspose';
  const args = transposed
    ? `padding=${tuple(p.torch.padding)}, output_padding=${tuple(p.torch.outputPadding)}`
    : `padding=${tuple(p.torch.padding)}`;
  const code = torchCode(plan, p);
  const verdict = p.torch.exact
    ? l10n.t('PyTorch: {0} gives exactly this.', args)
    : l10n.t(
        'PyTorch cannot express this with padding/output_padding alone; the equivalent is {0} with {1}, then:',
        transposed ? 'ConvTranspose' : 'Conv',
        args,
      );
  return { lines, exact: p.torch.exact, verdict, torchCode: code };
}
