/** The `tconv.*` settings as the server uses them, clamped to the bounds package.json declares. */
import { DEFAULT_MAX_ELEMENTS } from '../engine/tensor';
import type { TconvServerSettings } from './protocol';

export const DEFAULT_SETTINGS: TconvServerSettings = {
  maxElements: DEFAULT_MAX_ELEMENTS,
  diagnosticsDelay: 150,
  codeLens: true,
};

function clamp(v: unknown, lo: number, hi: number, fallback: number): number {
  return typeof v === 'number' && Number.isFinite(v) ? Math.min(hi, Math.max(lo, Math.floor(v))) : fallback;
}

/** Whatever a client sent (settings.json can hold anything) → settings within bounds. */
export function normalizeSettings(raw: unknown): TconvServerSettings {
  const s = (raw !== null && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  return {
    maxElements: clamp(s.maxElements, 1024, DEFAULT_MAX_ELEMENTS, DEFAULT_SETTINGS.maxElements),
    diagnosticsDelay: clamp(s.diagnosticsDelay, 0, 2000, DEFAULT_SETTINGS.diagnosticsDelay),
    codeLens: s.codeLens !== false,
  };
}
