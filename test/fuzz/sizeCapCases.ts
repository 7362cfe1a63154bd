/**
 * Specs that describe tensors far above the element cap (10⁹ elements, 10⁶ channels, 2⁵³-sized shapes): each
 * must get a size-cap diagnostic on the token named here, and checking it must allocate nothing.
 */

export interface SizeCapCase {
  readonly name: string;
  readonly text: string;
  /** The text the size-cap diagnostic marks (one of them, when several tensors are too big). */
  readonly marks: string;
  /** A fragment of that diagnostic's message (the product it names). */
  readonly names: string;
  readonly maxElements?: number;
}

const spec = (value: unknown) => JSON.stringify(value, null, 2);

export const SIZE_CAP_CASES: readonly SizeCapCase[] = [
  {
    name: '10⁹ input elements',
    text: '{ "input": { "shape": [1, 1000, 1000, 1000] }, "layer": { "kernelSize": 1 } }',
    marks: '[1, 1000, 1000, 1000]',
    names: '1×1000×1000×1000 = 10⁹ elements',
  },
  {
    name: '10⁹ kernel elements from a 1×1 input',
    text: '{ "input": { "shape": [1, 1] }, "layer": { "kernelSize": [31623, 31623] } }',
    marks: '[31623, 31623]',
    names: '1×1×31623×31623 = 1,000,014,129 elements',
  },
  {
    name: '10⁶ input channels: the implied 10⁶×10⁶ kernel',
    text: '{ "input": { "shape": [1000000, 4, 4] }, "layer": { "kernelSize": 3 } }',
    marks: '3',
    names: '1000000×1000000×3×3',
  },
  {
    name: '10⁶ output channels: the output',
    text: '{ "input": { "shape": [1, 1, 8, 8] }, "layer": { "kernelSize": 3, "outChannels": 1000000 } }',
    marks: '"layer"',
    names: '1×1000000×10×10 = 10⁸ elements',
  },
  {
    name: '10⁶ channels in a written kernel shape',
    text: '{ "input": { "shape": [1000000, 1, 1] }, "layer": { "kernel": { "shape": [1000000, 1000000, 1, 1] } } }',
    marks: '[1000000, 1000000, 1, 1]',
    names: '1000000×1000000×1×1 = 10¹² elements',
  },
  {
    name: 'a bias of 10⁹ values',
    text: '{ "input": { "shape": [2, 2] }, "layer": { "kernelSize": 2, "bias": { "shape": [1000000000] } } }',
    marks: '[1000000000]',
    names: '1000000000 = 10⁹ elements',
  },
  {
    name: '2⁵³ in a shape',
    text: '{ "input": { "shape": [9007199254740992, 1] }, "layer": { "kernelSize": 1 } }',
    marks: '[9007199254740992, 1]',
    names: '9.01e+15 elements',
  },
  {
    name: '1e300 as a kernel size (an integer to JSON Schema)',
    text: '{ "input": { "shape": [2, 2] }, "layer": { "kernelSize": 1e300 } }',
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
    marks: '"up2"',
    names: '1×16×700002×700002',
  },
  {
    name: 'the paired forward convolution with 10⁶ output channels',
    text: '{ "input": { "shape": [64, 64] }, "forward": { "outChannels": 1000000, "kernel": { "init": "ones" }, "kernelSize": 1 }, "layer": { "kernelSize": 1 } }',
    marks: '"forward"',
    names: '1×1000000×64×64',
  },
  {
    name: 'a configured cap of 1024 elements',
    text: '{ "input": { "shape": [64, 64], "init": "arange" }, "layer": { "kernelSize": 1 } }',
    marks: '[64, 64]',
    names: '64×64 = 4,096 elements, above the cap of 1,024',
    maxElements: 1024,
  },
];
