/** The `tconv.*` settings as the server uses them, clamped to the bounds package.json declares. */
import { DEFAULT_MEMORY_BUDGET, MAX_MEMORY_BUDGET, MIN_MEMORY_BUDGET, parseByteSize } from '../specFile/memoryBudget';
import type { TconvServerSettings } from './protocol';

export const DEFAULT_SETTINGS: TconvServerSettings = {
  memoryBudget: DEFAULT_MEMORY_BUDGET,
  diagnosticsDelay: 150,
  codeLens: true,
};

function clamp(v: unknown, lo: number, hi: number, fallback: number): number {
  return typeof v === 'number' && Number.isFinite(v) ? Math.min(hi, Math.max(lo, Math.floor(v))) : fallback;
}

/** Whatever a client sent (settings.json can hold anything) → settings within bounds. */
export function normalizeSettings(raw: unknown): TconvServerSettings {
  const s = (raw !== null && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  // Bytes; a size written as text ("2GiB", as `--memory-budget` takes it) is read too.
  const budget = typeof s.memoryBudget === 'string' ? parseByteSize(s.memoryBudget) : s.memoryBudget;
  return {
    memoryBudget: clamp(budget, MIN_MEMORY_BUDGET, MAX_MEMORY_BUDGET, DEFAULT_SETTINGS.memoryBudget),
    diagnosticsDelay: clamp(s.diagnosticsDelay, 0, 2000, DEFAULT_SETTINGS.diagnosticsDelay),
    codeLens: s.codeLens !== false,
  };
}
