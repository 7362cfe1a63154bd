/**
 * NumPy helpers the TensorFlow and JAX chain snippets define when an upsample layer needs them: PyTorch's source
 * indices along one axis (engine/upsample.ts computes the same), for a gather (nearest) or a lerp of two gathers.
 */
import { pyNumber } from '../pythonText';
import type { AxisResample } from './kerasGraph';

export const NEAREST_INDEX_DEF = [
  'def nearest_index(in_size, out_size, scale):',
  '    """PyTorch\'s nearest: the source of output j is ⌊j·scale⌋, computed in float32 (scale = 1/scale_factor or in/out)."""',
  '    j = np.arange(out_size, dtype=np.float32)',
  '    return np.minimum(np.floor(j * np.float32(scale)).astype(np.int64), in_size - 1)',
];

export const LINEAR_TAPS_DEF = [
  'def linear_taps(in_size, out_size, scale, align_corners):',
  '    """PyTorch\'s linear interpolation along one axis: source indices i0, i1 and the weight w1 of i1."""',
  '    j = np.arange(out_size, dtype=np.float64)',
  '    if align_corners:',
  '        src = j * ((in_size - 1) / (out_size - 1) if out_size > 1 else 0.0)',
  '    else:',
  '        src = np.maximum(scale * (j + 0.5) - 0.5, 0.0)',
  '    i0 = np.floor(src).astype(np.int64)',
  '    return i0, np.minimum(i0 + 1, in_size - 1), src - i0',
];

/** The `scale` argument: "1 / 2", "9 / 7", or "None" with align_corners. */
export function scaleText(axis: AxisResample): string {
  return axis.scale ? `${pyNumber(axis.scale.numerator)} / ${pyNumber(axis.scale.denominator)}` : 'None';
}
