/**
 * The assertion against the engine's output at the end of a snippet. The exact paths agree with PyTorch / NumPy to
 * rounding; a layer the engine ran on its float32 fast path is within 1e-4 of max |output|, and the check says so.
 */
import type { DType } from '../../engine';

export function torchAssertLines(y: string, nested: string, dtype: string, approximate: boolean): string[] {
  if (!approximate) return [`torch.testing.assert_close(${y}, torch.tensor(${nested}, dtype=${dtype}))`];
  return [
    `expected = torch.tensor(${nested}, dtype=${dtype})`,
    '# tconv computed this on its float32 fast path: within 1e-4 of max |output|',
    `torch.testing.assert_close(${y}, expected, rtol=0, atol=1e-4 * expected.abs().max().item())`,
  ];
}

export function numpyAssertLines(y: string, nested: string, dtype: DType, approximate: boolean): string[] {
  if (approximate)
    return [
      `expected = np.array(${nested})`,
      '# tconv computed this on its float32 fast path: within 1e-4 of max |output|',
      `np.testing.assert_allclose(${y}, expected, rtol=0, atol=1e-4 * np.abs(expected).max())`,
    ];
  const rtol = dtype === 'float32' ? '1e-5' : '1e-12';
  return [`np.testing.assert_allclose(${y}, np.array(${nested}), rtol=${rtol}, atol=${rtol})`];
}
