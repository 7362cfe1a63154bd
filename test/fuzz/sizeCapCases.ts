/**
 * Specs far beyond what values can be computed for (10⁹ elements, 10⁶ channels, 2⁵³-sized shapes). Shapes are
 * arithmetic and never capped: each gets a memory-budget diagnostic (information: the spec is valid, its values
 * are not computed) naming the bytes, or, for a size float64 cannot compute exactly, a size-cap error, on the token
 * named here; and checking it (validation, hovers, fixes, verification) must allocate nothing.
 */

export interface SizeCapCase {
  readonly name: string;
  readonly text: string;
  /** memory-budget: values not computed (shapes are fine); size-cap: a size beyond exact float64 arithmetic. */
  readonly code: 'memory-budget' | 'size-cap';
  /** The text the diagnostic marks. */
  readonly marks: string;
  /** A fragment of that diagnostic's message (the bytes or the size it names). */
  readonly names: string;
  /** tconv.memoryBudget for the case, in bytes (the default, 1 GiB, when absent). */
  readonly memoryBudget?: number;
}

const spec = (value: unknown) => JSON.stringify(value, null, 2);

export const SIZE_CAP_CASES: readonly SizeCapCase[] = [
  {
    name: '10⁹ input elements',
    text: '{ "input": { "shape": [1, 1000, 1000, 1000] }, "layer": { "kernelSize": 1 } }',
    code: 'memory-budget',
    marks: '"layer"',
    names: 'its tensors need 26.1 GiB of memory, above the budget of 1 GiB',
  },
  {
    name: '10⁹ kernel elements from a 1×1 input',
    text: '{ "input": { "shape": [1, 1] }, "layer": { "kernelSize": [31623, 31623] } }',
    code: 'memory-budget',
    marks: '"layer"',
    names: 'above the budget of 1 GiB',
  },
  {
    name: '10⁶ input channels: the implied 10⁶×10⁶ kernel',
    text: '{ "input": { "shape": [1000000, 4, 4] }, "layer": { "kernelSize": 3 } }',
    code: 'memory-budget',
    marks: '"layer"',
    names: 'above the budget of 1 GiB',
  },
  {
    name: '10⁶ output channels: the output',
    text: '{ "input": { "shape": [1, 1, 8, 8] }, "layer": { "kernelSize": 3, "outChannels": 1000000 } }',
    code: 'memory-budget',
    marks: '"layer"',
    names: 'its tensors need 1.22 GiB of memory, above the budget of 1 GiB',
  },
  {
    name: '10⁶ channels in a written kernel shape',
    text: '{ "input": { "shape": [1000000, 1, 1] }, "layer": { "kernel": { "shape": [1000000, 1000000, 1, 1] } } }',
    code: 'memory-budget',
    marks: '"layer"',
    names: 'above the budget of 1 GiB',
  },
  {
    name: 'a bias of 10⁹ values',
    text: '{ "input": { "shape": [2, 2] }, "layer": { "kernelSize": 2, "bias": { "shape": [1000000000] } } }',
    code: 'memory-budget',
    marks: '"layer"',
    names: 'its tensors need 7.45 GiB of memory',
  },
  {
    name: '2⁵³ in a shape',
    text: '{ "input": { "shape": [9007199254740992, 1] }, "layer": { "kernelSize": 1 } }',
    code: 'size-cap',
    marks: '"layer"',
    names: "its input's H = 9007199254740992 is far too large",
  },
  {
    name: '1e300 as a kernel size (an integer to JSON Schema)',
    text: '{ "input": { "shape": [2, 2] }, "layer": { "kernelSize": 1e300 } }',
    code: 'size-cap',
    marks: '1e300',
    names: 'cannot be computed exactly',
  },
  {
    name: 'a chain whose third layer blows up',
    text: spec({
      input: { shape: [100, 1, 1] },
      layers: [
        { name: 'project', outChannels: 64, kernelSize: 4 },
        { name: 'up1', outChannels: 32, kernelSize: 4, stride: 2, padding: 1 },
        { name: 'up2', outChannels: 16, kernelSize: 4, stride: 100000, padding: 1 },
      ],
    }),
    code: 'memory-budget',
    marks: '"up2"',
    names: 'Values of layer 3 (up2) are not computed',
  },
  {
    name: 'the paired forward convolution with 10⁶ output channels',
    text: '{ "input": { "shape": [64, 64] }, "forward": { "outChannels": 1000000, "kernel": { "init": "ones" }, "kernelSize": 1 }, "layer": { "kernelSize": 1 } }',
    code: 'memory-budget',
    marks: '"forward"',
    names: 'The step after it has no values either.',
  },
  {
    name: 'a configured budget of 8 KiB',
    text: '{ "input": { "shape": [64, 64], "init": "arange" }, "layer": { "kernelSize": 1 } }',
    code: 'memory-budget',
    marks: '"layer"',
    names: 'its tensors need 64 KiB of memory, above the budget of 8 KiB',
    memoryBudget: 8192,
  },
];
