// Chains that exercise every layer type and padding mode the code generators write, besides the examples: read by
// the generated-code tests (onnxruntime-web, TensorFlow.js) and by scripts/check_codegen.py (PyTorch).

export interface CodegenSpec {
  readonly name: string;
  readonly spec: object;
}

export const CODEGEN_SPECS: readonly CodegenSpec[] = [
  {
    name: 'pools, upsample, pad, crop, skips (2-D)',
    spec: {
      input: { shape: [2, 3, 11, 10] },
      layers: [
        { name: 'stem', type: 'conv', outChannels: 4, kernelSize: 3, pads: [1, 0, 2, 1], bias: true },
        { name: 'max', type: 'maxPool', kernelSize: 3, stride: 2, padding: 1, ceilMode: true },
        { name: 'avg', type: 'avgPool', kernelSize: 3, stride: 2, padding: 1, ceilMode: true, countIncludePad: false },
        { name: 'near', type: 'upsample', scaleFactor: 2 },
        { name: 'same', type: 'conv', outChannels: 5, kernelSize: 3, stride: 2, padding: 'same' },
        { name: 'bilinear', type: 'upsample', size: [9, 7], mode: 'bilinear', alignCorners: true },
        { name: 'padded', type: 'pad', pads: [1, -1, 0, 2], value: -0.5 },
        { name: 'cropped', type: 'crop', size: [8, 6] },
        { name: 'up', outChannels: 5, kernelSize: 3, stride: 2, autoPad: 'SAME_LOWER', bias: true },
        { name: 'half', type: 'upsample', scaleFactor: [1, 2], mode: 'bilinear' },
        { name: 'back', type: 'avgPool', kernelSize: [1, 2], stride: [1, 2] },
        { name: 'sum', type: 'add', with: 'up' },
        { name: 'joined', type: 'concat', with: 'up' },
        { name: 'out', type: 'conv', outChannels: 2, kernelSize: 1, bias: true },
      ],
    },
  },
  {
    name: 'a round trip with a residual to the input (2-D)',
    spec: {
      input: { shape: [1, 2, 5, 6] },
      forward: { name: 'down', outChannels: 3 },
      layers: [
        { name: 'restore', outChannels: 2, kernelSize: 3, stride: 2, padding: 1, outputPadding: [0, 1], bias: true },
        { name: 'residual', type: 'add', with: 'input' },
      ],
    },
  },
  {
    name: 'transposed padding modes (2-D)',
    spec: {
      input: { shape: [1, 2, 4, 5] },
      layers: [
        { name: 'onnx-pads', outChannels: 4, kernelSize: [3, 2], stride: 2, pads: [0, 1, 2, 0], outputPadding: 1 },
        { name: 'onnx-shape', outChannels: 3, kernelSize: 3, stride: 2, outputShape: [17, 20], bias: true },
        { name: 'keras-valid', outChannels: 4, kernelSize: 2, stride: 3, padding: 'valid' },
        { name: 'max-dilated', type: 'maxPool', kernelSize: 2, stride: 3, dilation: 2, padding: 1 },
        { name: 'dilated', outChannels: 2, kernelSize: 2, dilation: 3, outputPadding: 2, bias: true },
        { name: 'grouped', outChannels: 4, kernelSize: 3, stride: 2, groups: 2, padding: 'same', bias: true },
        {
          name: 'trimmed',
          type: 'conv',
          outChannels: 3,
          kernelSize: 3,
          padding: 1,
          trim: { begin: [1, 0], end: [0, 2] },
        },
        { name: 'avg-overhang', type: 'avgPool', kernelSize: 3, stride: 2, padding: 1, ceilMode: true },
        { name: 'keras-same-op', outChannels: 2, kernelSize: 4, stride: 2, padding: 'same', outputPadding: 1 },
      ],
    },
  },
  {
    name: 'causal 1-D decoder with a skip to the input',
    spec: {
      dims: 1,
      input: { shape: [2, 4, 7] },
      layers: [
        { name: 'keep', type: 'conv', outChannels: 4, kernelSize: 3, padding: 'same', bias: true },
        { name: 'res', type: 'add', with: 'input' },
        { name: 'up', outChannels: 3, kernelSize: 6, stride: 3, trim: { end: 3 }, bias: true },
        { name: 'lin', type: 'upsample', scaleFactor: 2, mode: 'linear' },
        { name: 'pool', type: 'avgPool', kernelSize: 4, stride: 3, padding: 2 },
        { name: 'wide', type: 'upsample', size: 40 },
        { name: 'edge', type: 'pad', pads: [2, -3] },
        { name: 'head', type: 'conv', outChannels: 1, kernelSize: 5, autoPad: 'SAME_UPPER', stride: 2 },
      ],
    },
  },
  {
    name: '3-D U-Net step',
    spec: {
      dims: 3,
      input: { shape: [1, 2, 6, 7, 5] },
      layers: [
        { name: 'enc', type: 'conv', outChannels: 3, kernelSize: 3, padding: 1, bias: true },
        { name: 'pool', type: 'maxPool', kernelSize: 2, ceilMode: true },
        { name: 'mid', type: 'conv', outChannels: 4, kernelSize: [1, 3, 3], padding: [0, 1, 1] },
        { name: 'up', outChannels: 3, kernelSize: 2, stride: 2, outputShape: [6, 7, 5] },
        { name: 'cat', type: 'concat', with: 'enc' },
        { name: 'smooth', type: 'upsample', scaleFactor: [1, 2, 1], mode: 'trilinear' },
        { name: 'cut', type: 'crop', begin: [1, 2, 0], end: [0, 3, 1] },
        { name: 'out', type: 'conv', outChannels: 2, kernelSize: 1, bias: true },
      ],
    },
  },
];
