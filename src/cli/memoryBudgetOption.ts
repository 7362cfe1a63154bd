/** `--memory-budget <size>`: the CLI's tconv.memoryBudget. */
import * as l10n from '@vscode/l10n';
import { InvalidArgumentError } from 'commander';
import { formatBytes, MAX_MEMORY_BUDGET, MIN_MEMORY_BUDGET, parseByteSize } from '../specFile/memoryBudget';

/** "512MB", "2GiB", "1073741824" → bytes, within the bounds of the tconv.memoryBudget setting. */
export function memoryBudgetArgument(value: string): number {
  const bytes = parseByteSize(value);
  if (bytes === null || bytes < MIN_MEMORY_BUDGET || bytes > MAX_MEMORY_BUDGET)
    throw new InvalidArgumentError(
      l10n.t(
        'expected a size from {0} to {1}: bytes, or a number with KB, MB, GB (10³, 10⁶, 10⁹) or KiB, MiB, GiB (2¹⁰, 2²⁰, 2³⁰), e.g. 512MB or 2GiB',
        formatBytes(MIN_MEMORY_BUDGET),
        formatBytes(MAX_MEMORY_BUDGET),
      ),
    );
  return bytes;
}
