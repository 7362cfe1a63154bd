/** PyTorch: nn.ConvTranspose{1,2}d / nn.Conv{1,2}d with the layer's exact arguments and weight layout. */
import type { CodeSnippet } from '../../webviewProtocol';
import { type CodeLayer, shapeLine } from './codeLayer';
import { paddingText } from '../../specFile/paddingText';
import { kernelAxesText } from '../../specFile/shorthand';
import { commentText, pyIntOrTuple, pyNested, pyTuple } from './pythonText';
import { torchAssertLines } from './assertions';

function constructor(layer: CodeLayer): string {
  const p = layer.plan.params;
  const cls = `nn.${layer.transposed ? 'ConvTranspose' : 'Conv'}${layer.rank}d`;
  const args = [
    `in_channels=${layer.inChannels}`,
    `out_channels=${layer.outChannels}`,
    `kernel_size=${pyIntOrTuple(layer.kernel)}`,
    `stride=${pyIntOrTuple(p.stride)}`,
    `padding=${pyIntOrTuple(p.padding)}`,
    ...(layer.transposed ? [`output_padding=${pyIntOrTuple(p.outputPadding)}`] : []),
    `dilation=${pyIntOrTuple(p.dilation)}`,
    `groups=${p.groups}`,
    `bias=${layer.plan.biasShape ? 'True' : 'False'}`,
    `dtype=${torchDtype(layer)}`,
  ];
  return `layer = ${cls}(\n${args.map((a) => `    ${a},`).join('\n')}\n)`;
}

const torchDtype = (layer: CodeLayer) => `torch.${layer.dtype}`;

function layoutComment(layer: CodeLayer): string {
  const k = kernelAxesText(layer.rank);
  const layout = layer.transposed
    ? `(in_channels, out_channels // groups, ${k})`
    : `(out_channels, in_channels // groups, ${k})`;
  return `# layer.weight: ${layout} = ${pyTuple(layer.plan.weightShape)}`;
}

function valueLines(layer: CodeLayer): string[] {
  const dtype = torchDtype(layer);
  const lines: string[] = [];
  if (layer.weight) {
    lines.push('with torch.no_grad():');
    lines.push(`    layer.weight.copy_(torch.tensor(${pyNested(layer.weight)}, dtype=${dtype}))`);
    if (layer.bias) lines.push(`    layer.bias.copy_(torch.tensor(${pyNested(layer.bias)}, dtype=${dtype}))`);
  }
  lines.push(
    layer.input
      ? `x = torch.tensor(${pyNested(layer.input)}, dtype=${dtype})`
      : `x = torch.randn(${layer.plan.inputShape.join(', ')}, dtype=${dtype})`,
  );
  const padding = paddingText(layer.plan);
  if (padding && !padding.exact) {
    lines.push(`# ${commentText(padding.verdict)}`);
    lines.push(...padding.torchCode);
  } else lines.push('y = layer(x)');
  lines.push(`assert y.shape == ${pyTuple(layer.plan.outputShape)}`);
  if (layer.expected) lines.push(...torchAssertLines('y', pyNested(layer.expected), dtype, layer.approximate));
  return lines;
}

export function pytorchSnippet(layer: CodeLayer): CodeSnippet {
  const usesF = paddingText(layer.plan)?.torchCode.some((l) => l.includes('F.pad')) ?? false;
  const code = [
    'import torch',
    'from torch import nn',
    ...(usesF ? ['import torch.nn.functional as F'] : []),
    '',
    `# ${layer.label}: ${shapeLine(layer)}`,
    constructor(layer),
    layoutComment(layer),
    ...valueLines(layer),
  ].join('\n');
  return { framework: 'pytorch', title: 'PyTorch', language: 'python', code: `${code}\n`, notes: [] };
}
