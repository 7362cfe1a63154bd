import { EngineError, type EngineErrorCode } from './errors';
import type { ConvParams } from './params';
import { convOutputSize, effectiveKernel, transposedOutputSize } from './shape';

/** One reason a convolution cannot run, with the field a spec diagnostic should point at. */
export interface ConvProblem {
  readonly code: EngineErrorCode;
  readonly message: string;
  readonly field: 'input' | 'weight' | 'bias' | 'groups' | 'outputPadding' | 'padding' | 'kernel';
  /** Spatial dimension index (0 = H for 2-D, 0 = D for 3-D) when the problem is in one dimension. */
  readonly dims?: readonly number[];
}

const list = (shape: readonly number[]) => `[${shape.join(', ')}]`;
const tuple = (values: readonly number[]) => `(${values.join(' x ')})`;

/** PyTorch's transposed-convolution kernel is 2-D: 1-D sizes are reported with a height of 1. */
const as2dSize = (sizes: readonly number[]) => (sizes.length === 1 ? [1, sizes[0]] : sizes);

/** PyTorch's check_shape_forward, the same for conv and conv transpose: weight dim 0 must split into groups. */
function checkGroups(weightShape: readonly number[], groups: number): ConvProblem | null {
  if (weightShape[0] < groups) {
    return {
      code: 'groups-not-divisible',
      field: 'groups',
      message: `Given groups=${groups}, expected weight to be at least ${groups} at dimension 0, but got weight of size ${list(weightShape)} instead`,
    };
  }
  if (weightShape[0] % groups !== 0) {
    // The doubled brackets are PyTorch's own.
    return {
      code: 'groups-not-divisible',
      field: 'groups',
      message: `Given groups=${groups}, expected weight to be divisible by ${groups} at dimension 0, but got weight of size [${list(weightShape)}] instead`,
    };
  }
  return null;
}

function checkRanks(
  inputShape: readonly number[],
  weightShape: readonly number[],
  params: ConvParams,
): ConvProblem | null {
  const rank = params.stride.length;
  if (rank === 3 && weightShape.length >= 3 && weightShape.length !== 5) {
    // PyTorch's conv3d / conv_transpose3d read the dimensions from the weight and reject the 3-value stride first.
    return {
      code: 'bad-shape',
      field: 'weight',
      message: `expected stride to be a single integer value or a list of ${weightShape.length - 2} values to match the convolution dimensions, but got stride=${list(params.stride)}`,
    };
  }
  if (weightShape.length !== rank + 2) {
    return {
      code: 'bad-shape',
      field: 'weight',
      message: `expected a ${rank + 2}-D weight for a ${rank}-D convolution, got weight of size ${list(weightShape)}`,
    };
  }
  if (inputShape.length !== rank + 2) {
    return {
      code: 'bad-shape',
      field: 'input',
      message: `expected ${rank + 2}-D (batched) input for a ${rank}-D convolution, got input of size ${list(inputShape)}`,
    };
  }
  return null;
}

/**
 * Everything PyTorch's ConvTranspose (functional conv_transpose1d/2d/3d) rejects, in PyTorch's order and words.
 * Weight layout: (C_in, C_out / groups, ...kernel).
 */
export function checkConvTranspose(
  inputShape: readonly number[],
  weightShape: readonly number[],
  biasLength: number | null,
  params: ConvParams,
): ConvProblem[] {
  const rankProblem = checkRanks(inputShape, weightShape, params);
  if (rankProblem) return [rankProblem];
  const problems: ConvProblem[] = [];
  const { groups } = params;
  const groupsProblem = checkGroups(weightShape, groups);
  if (groupsProblem) problems.push(groupsProblem);
  if (inputShape[1] !== weightShape[0]) {
    problems.push({
      code: 'channel-mismatch',
      field: 'input',
      message: `Given transposed=1, weight of size ${list(weightShape)}, expected input${list(inputShape)} to have ${weightShape[0]} channels, but got ${inputShape[1]} channels instead`,
    });
  }
  if (biasLength !== null && biasLength !== weightShape[1] * groups) {
    problems.push({
      code: 'bias-mismatch',
      field: 'bias',
      message: `Given transposed=1, weight of size ${list(weightShape)}, expected bias to be 1-dimensional with ${weightShape[1] * groups} elements, but got bias of size [${biasLength}] instead`,
    });
  }
  const badPadding = params.outputPadding.map((op, d) => op >= Math.max(params.stride[d], params.dilation[d]));
  if (badPadding.some(Boolean)) {
    // PyTorch runs 1-D through its 2-D kernel and reports a neutral height (0, 1, 1); keep its words.
    const as2d = (values: readonly number[], neutral: number) => (values.length === 1 ? [neutral, values[0]] : values);
    const named = (label: string, values: readonly number[]) =>
      values.length === 3
        ? `${label}_depth: ${values[0]} ${label}_height: ${values[1]} ${label}_width: ${values[2]}`
        : `${label}_height: ${values[0]} ${label}_width: ${values[1]}`;
    problems.push({
      code: 'output-padding-range',
      field: 'outputPadding',
      dims: badPadding.flatMap((bad, d) => (bad ? [d] : [])),
      message:
        'output padding must be smaller than either stride or dilation, but got ' +
        `${named('output_padding', as2d(params.outputPadding, 0))} ${named('stride', as2d(params.stride, 1))} ${named('dilation', as2d(params.dilation, 1))}`,
    });
  }
  const spatialIn = inputShape.slice(2);
  const kernel = weightShape.slice(2);
  const spatialOut = spatialIn.map((inSize, d) =>
    transposedOutputSize({
      inSize,
      kernel: kernel[d],
      stride: params.stride[d],
      padding: params.padding[d],
      dilation: params.dilation[d],
      outputPadding: params.outputPadding[d],
    }),
  );
  if (spatialOut.some((s) => s <= 0)) {
    problems.push({
      code: 'output-size-nonpositive',
      field: 'padding',
      dims: spatialOut.flatMap((s, d) => (s <= 0 ? [d] : [])),
      message: `Given input size per channel: ${tuple(as2dSize(spatialIn))}. Calculated output size per channel: ${tuple(as2dSize(spatialOut))}. Output size is too small`,
    });
  }
  return problems;
}

/** Everything PyTorch's conv1d/conv2d/conv3d rejects. Weight layout: (C_out, C_in / groups, ...kernel). */
export function checkConv(
  inputShape: readonly number[],
  weightShape: readonly number[],
  biasLength: number | null,
  params: ConvParams,
): ConvProblem[] {
  const rankProblem = checkRanks(inputShape, weightShape, params);
  if (rankProblem) return [rankProblem];
  const problems: ConvProblem[] = [];
  const { groups } = params;
  const groupsProblem = checkGroups(weightShape, groups);
  if (groupsProblem) problems.push(groupsProblem);
  if (inputShape[1] !== weightShape[1] * groups) {
    problems.push({
      code: 'channel-mismatch',
      field: 'input',
      message: `Given groups=${groups}, weight of size ${list(weightShape)}, expected input${list(inputShape)} to have ${weightShape[1] * groups} channels, but got ${inputShape[1]} channels instead`,
    });
  }
  if (biasLength !== null && biasLength !== weightShape[0]) {
    problems.push({
      code: 'bias-mismatch',
      field: 'bias',
      message: `Given weight of size ${list(weightShape)}, expected bias to be 1-dimensional with ${weightShape[0]} elements, but got bias of size [${biasLength}] instead`,
    });
  }
  const spatialIn = inputShape.slice(2);
  const padded = spatialIn.map((s, d) => s + 2 * params.padding[d]);
  const kernelExtent = weightShape.slice(2).map((k, d) => effectiveKernel(k, params.dilation[d]));
  if (padded.some((p, d) => p < kernelExtent[d])) {
    problems.push({
      code: 'output-size-nonpositive',
      field: 'kernel',
      dims: padded.flatMap((p, d) => (p < kernelExtent[d] ? [d] : [])),
      message: `Calculated padded input size per channel: ${tuple(padded)}. Kernel size: ${tuple(kernelExtent)}. Kernel size can't be greater than actual input size`,
    });
  }
  return problems;
}

function throwFirst(problems: ConvProblem[]): void {
  if (problems.length > 0)
    throw new EngineError(problems[0].code, problems[0].message, { field: problems[0].field, dims: problems[0].dims });
}

/** Output shape (N, C_out, ...spatial) of a transposed convolution; throws the first PyTorch rejection. */
export function convTransposeOutputShape(
  inputShape: readonly number[],
  weightShape: readonly number[],
  biasLength: number | null,
  params: ConvParams,
): number[] {
  throwFirst(checkConvTranspose(inputShape, weightShape, biasLength, params));
  const spatial = inputShape.slice(2).map((inSize, d) =>
    transposedOutputSize({
      inSize,
      kernel: weightShape[d + 2],
      stride: params.stride[d],
      padding: params.padding[d],
      dilation: params.dilation[d],
      outputPadding: params.outputPadding[d],
    }),
  );
  return [inputShape[0], weightShape[1] * params.groups, ...spatial];
}

/** Output shape (N, C_out, ...spatial) of a forward convolution; throws the first PyTorch rejection. */
export function convOutputShape(
  inputShape: readonly number[],
  weightShape: readonly number[],
  biasLength: number | null,
  params: ConvParams,
): number[] {
  throwFirst(checkConv(inputShape, weightShape, biasLength, params));
  const spatial = inputShape.slice(2).map((inSize, d) =>
    convOutputSize({
      inSize,
      kernel: weightShape[d + 2],
      stride: params.stride[d],
      padding: params.padding[d],
      dilation: params.dilation[d],
    }),
  );
  return [inputShape[0], weightShape[0], ...spatial];
}
