/**
 * PyTorch: the whole chain as an nn.Module. Each layer is a submodule named after it (its parameters are
 * state_dict()["<name>.weight"]), the skip connections keep the earlier output in a variable and torch.cat / add it,
 * and another framework's padding is PyTorch's layer plus the slice (or F.pad) that makes up the difference.
 */
import * as l10n from '@vscode/l10n';
import { formatShape } from '../../../engine';
import { channelsOf } from '../../../specFile/layerSignature';
import type { ChainOpPlan } from '../../../specFile/planOp';
import type { CodeSnippet } from '../../../webviewProtocol';
import { torchAssertLines } from '../assertions';
import { commentText, pyIntOrTuple, pyNested, pyNumber, pyTuple } from '../pythonText';
import type { ChainModel, ChainStep } from './chainModel';
import { INPUT_ID } from './chainModel';
import type { TensorSource } from './tensorSource';

const torchDtype = (m: ChainModel) => `torch.${m.dtype}`;

/** F.pad's argument: last axis first, (begin, end) each. */
export function fPadArgs(begin: readonly number[], end: readonly number[]): string {
  return pyTuple(
    begin
      .map((b, d) => [b, end[d]])
      .reverse()
      .flat(),
  );
}

const boolText = (b: boolean) => (b ? 'True' : 'False');

function convModule(step: ChainStep, m: ChainModel): string {
  const plan = step.plan;
  const p = plan.params;
  const { inChannels, outChannels } = channelsOf(plan);
  const transposed = plan.kind === 'convTranspose';
  const args = [
    String(inChannels),
    String(outChannels),
    `kernel_size=${pyIntOrTuple(plan.weightShape.slice(2))}`,
    `stride=${pyIntOrTuple(p.stride)}`,
    `padding=${pyIntOrTuple(p.padding)}`,
    ...(transposed && p.outputPadding.some((v) => v !== 0) ? [`output_padding=${pyIntOrTuple(p.outputPadding)}`] : []),
    ...(p.dilation.some((v) => v !== 1) ? [`dilation=${pyIntOrTuple(p.dilation)}`] : []),
    ...(p.groups !== 1 ? [`groups=${p.groups}`] : []),
    `bias=${boolText(plan.biasShape !== null)}`,
    `dtype=${torchDtype(m)}`,
  ];
  return `nn.${transposed ? 'ConvTranspose' : 'Conv'}${m.dims}d(${args.join(', ')})`;
}

function opModule(op: ChainOpPlan, m: ChainModel): string | null {
  switch (op.kind) {
    case 'maxPool':
      return `nn.MaxPool${m.dims}d(${[
        `kernel_size=${pyIntOrTuple(op.kernel)}`,
        `stride=${pyIntOrTuple(op.stride)}`,
        `padding=${pyIntOrTuple(op.padding)}`,
        ...(op.dilation.some((d) => d !== 1) ? [`dilation=${pyIntOrTuple(op.dilation)}`] : []),
        ...(op.ceilMode ? ['ceil_mode=True'] : []),
      ].join(', ')})`;
    case 'avgPool':
      return `nn.AvgPool${m.dims}d(${[
        `kernel_size=${pyIntOrTuple(op.kernel)}`,
        `stride=${pyIntOrTuple(op.stride)}`,
        `padding=${pyIntOrTuple(op.padding)}`,
        ...(op.ceilMode ? ['ceil_mode=True'] : []),
        ...(!op.countIncludePad ? ['count_include_pad=False'] : []),
      ].join(', ')})`;
    case 'upsample': {
      const size = op.size ? `size=${pyIntOrTuple(op.size)}` : `scale_factor=${pyIntOrTuple(op.scaleFactor ?? [])}`;
      const align = op.mode === 'nearest' ? '' : `, align_corners=${boolText(op.alignCorners)}`;
      return `nn.Upsample(${size}, mode="${op.mode}"${align})`;
    }
    case 'pad': {
      const n = op.pads.length / 2;
      return `nn.ConstantPad${m.dims}d(${fPadArgs(op.pads.slice(0, n), op.pads.slice(n))}, value=${pyNumber(op.value)})`;
    }
    default:
      return null;
  }
}

/** `x[:, :, a:b, c:d]` */
function sliceText(name: string, begin: readonly number[], sizes: readonly number[]): string {
  return `${name}[:, :, ${begin.map((b, d) => `${b}:${b + sizes[d]}`).join(', ')}]`;
}

/** The forward() lines of a convolution, with the slice / F.pad another framework's padding needs in PyTorch. */
function convCall(step: ChainStep, call: string): { lines: string[]; usesF: boolean } {
  const plan = step.plan;
  const p = plan.padding;
  if (!p || p.torch.exact) return { lines: [`x = ${call}(x)`], usesF: false };
  const lines = [
    `# ${commentText(l10n.t("{0}: PyTorch's padding alone cannot express it; the slice does the rest", p.rule))}`,
  ];
  let usesF = false;
  if (p.inputPad) {
    lines.push(`x = ${call}(F.pad(x, ${fPadArgs(p.inputPad.begin, p.inputPad.end)}))`);
    usesF = true;
  } else lines.push(`x = ${call}(x)`);
  if (p.torch.slice)
    lines.push(
      `x = ${sliceText(
        'x',
        p.torch.slice.map((s) => s.start),
        p.torch.slice.map((s) => s.stop - s.start),
      )}`,
    );
  if (p.torch.padAfter) {
    const zeros = p.torch.padAfter.map(() => 0);
    const pads = fPadArgs(zeros, p.torch.padAfter);
    usesF = true;
    if (plan.biasShape) {
      const view = ['1', '-1', ...p.torch.padAfter.map(() => '1')].join(', ');
      lines.push(
        `b = ${call}.bias.view(${view})`,
        `x = F.pad(x - b, ${pads}) + b  # ${commentText(l10n.t('rows beyond output_padding, which hold the bias'))}`,
      );
    } else lines.push(`x = F.pad(x, ${pads})  # ${commentText(l10n.t('rows beyond output_padding'))}`);
  }
  return { lines, usesF };
}

function forwardLines(step: ChainStep): { lines: string[]; usesF: boolean } {
  const plan = step.plan;
  const call = `self.${step.id}`;
  const op = plan.op;
  let result: { lines: string[]; usesF: boolean };
  if (!op) result = convCall(step, call);
  else if (op.kind === 'crop')
    result = {
      lines: [`x = ${sliceText('x', op.begin, plan.outputShape.slice(2))}`],
      usesF: false,
    };
  else if (op.kind === 'concat') result = { lines: [`x = torch.cat([x, ${step.skip?.id}], dim=1)`], usesF: false };
  else if (op.kind === 'add') result = { lines: [`x = x + ${step.skip?.id}`], usesF: false };
  else result = { lines: [`x = ${call}(x)`], usesF: false };
  const lines = [...result.lines];
  const last = lines.length - 1;
  lines[last] = `${lines[last]}  # ${step.label}: ${formatShape(plan.outputShape)}`;
  if (step.kept) lines.push(`${step.id} = x  # ${commentText(l10n.t('kept for the skip connection'))}`);
  return { lines, usesF: result.usesF };
}

function sourceText(source: TensorSource, shape: readonly number[], m: ChainModel): string | null {
  const dtype = torchDtype(m);
  const dims = shape.join(', ');
  switch (source.kind) {
    case 'literal':
      return `torch.tensor(${pyNested(source.tensor)}, dtype=${dtype})`;
    case 'full':
      return `torch.full(${pyTuple(shape)}, ${pyNumber(source.value)}, dtype=${dtype})`;
    case 'arange':
      return `(${pyNumber(source.start)} + ${pyNumber(source.step)} * torch.arange(${shape.reduce((a, b) => a * b, 1)}, dtype=${dtype})).reshape(${dims})`;
    case 'uniform':
      return source.low === 0 && source.high === 1
        ? `torch.rand(${dims}, dtype=${dtype})`
        : `torch.empty(${dims}, dtype=${dtype}).uniform_(${pyNumber(source.low)}, ${pyNumber(source.high)})`;
    case 'normal':
      return `torch.randn(${dims}, dtype=${dtype})`;
    case 'data':
      return `torch.randn(${dims}, dtype=${dtype})  # ${l10n.t("the spec's data ({0} values) is not written out", source.count)}`;
    case 'torchDefault':
      return null;
  }
}

function valueLines(m: ChainModel): string[] {
  const lines: string[] = [];
  for (const step of m.steps) {
    const weight = step.weight && sourceText(step.weight, step.plan.weightShape, m);
    if (weight) lines.push(`    model.${step.id}.weight.copy_(${weight})`);
    const bias = step.bias && step.plan.biasShape && sourceText(step.bias, step.plan.biasShape, m);
    if (bias) lines.push(`    model.${step.id}.bias.copy_(${bias})`);
  }
  // After the other weights: the forward convolution takes the transposed layer's as set above.
  for (const step of m.steps)
    if (step.sharesWeightOf)
      lines.push(
        `    model.${step.id}.weight.copy_(model.${step.sharesWeightOf}.weight.reshape(${step.plan.weightShape.join(', ')}))  # ${commentText(l10n.t('the round trip shares the kernel'))}`,
      );
  return lines.length > 0 ? ['with torch.no_grad():', ...lines] : [];
}

export function torchChainSnippet(m: ChainModel): CodeSnippet {
  const modules: string[] = [];
  const body: string[] = [];
  let usesF = false;
  if (m.inputKept) body.push(`${INPUT_ID} = x  # ${commentText(l10n.t('kept for the skip connection'))}`);
  for (const step of m.steps) {
    const module = step.plan.op ? opModule(step.plan.op, m) : convModule(step, m);
    if (module) modules.push(`        self.${step.id} = ${module}`);
    const forward = forwardLines(step);
    usesF ||= forward.usesF;
    body.push(...forward.lines);
  }
  const input =
    sourceText(m.input, m.inputShape, m) ?? `torch.rand(${m.inputShape.join(', ')}, dtype=${torchDtype(m)})`;
  const code = [
    'import torch',
    'from torch import nn',
    ...(usesF ? ['import torch.nn.functional as F'] : []),
    '',
    '',
    `# ${m.title ? `${m.title}: ` : ''}${formatShape(m.inputShape)} → ${formatShape(m.outputShape)}`,
    'class Chain(nn.Module):',
    '    def __init__(self):',
    '        super().__init__()',
    ...modules,
    '',
    '    def forward(self, x):',
    ...body.map((l) => `        ${l}`),
    '        return x',
    '',
    '',
    'torch.manual_seed(0)',
    'model = Chain()',
    ...valueLines(m),
    `x = ${input}`,
    'y = model(x)',
    `assert y.shape == ${pyTuple(m.outputShape)}`,
    ...(m.expected ? torchAssertLines('y', pyNested(m.expected), torchDtype(m), m.approximate) : []),
  ].join('\n');
  const notes = [
    l10n.t(
      'Each layer is a submodule named after it, so its weight is model.state_dict()["<name>.weight"]; the skip connections keep the earlier output in a variable.',
    ),
    ...(m.expected
      ? []
      : [
          l10n.t(
            "Random tensors come from PyTorch's own generator (the kernels from its default init, uniform in ±1/√fan_in, as tconv's), so the values differ from tconv's; the shapes agree.",
          ),
        ]),
  ];
  return { framework: 'pytorch', title: 'PyTorch', language: 'python', code: `${code}\n`, notes };
}
