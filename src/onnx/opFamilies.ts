/** How the walk treats each ONNX op: a layer, a shape reader to skip, or a shape-keeping op to leave out. */
export const CONV_OPS = new Set(['Conv', 'ConvTranspose']);
export const CHAIN_OPS = new Set(['MaxPool', 'AveragePool', 'Resize', 'Upsample', 'Pad', 'Concat', 'Add', 'Sum']);
/** Ops that read only the tensor's shape: they are not a step of the data path. */
export const SHAPE_READERS = new Set(['Shape', 'Size']);
/** Element-wise or per-channel ops that keep the shape: left out, listed. */
export const SHAPE_KEEPING = new Set([
  'Relu',
  'LeakyRelu',
  'PRelu',
  'Elu',
  'Selu',
  'Celu',
  'Sigmoid',
  'HardSigmoid',
  'HardSwish',
  'Tanh',
  'Softplus',
  'Softsign',
  'Gelu',
  'Mish',
  'Erf',
  'Clip',
  'Abs',
  'Neg',
  'Exp',
  'Log',
  'Sqrt',
  'Reciprocal',
  'ThresholdedRelu',
  'BatchNormalization',
  'InstanceNormalization',
  'GroupNormalization',
  'LpNormalization',
  'LRN',
  'Dropout',
  'Identity',
  'Cast',
  'Softmax',
  'LogSoftmax',
  'QuantizeLinear',
  'DequantizeLinear',
]);
/** Binary element-wise ops that keep the shape when their other operand is a constant (a scale, a shift). */
export const WITH_CONSTANT = new Set(['Mul', 'Div', 'Sub', 'Add', 'Pow', 'Max', 'Min']);
