/**
 * What the extension host receives for tconv/verify. Receiving a message parses it on the host's
 * thread before any listener runs, so it must stay small whatever the spec holds: the values of data
 * arrays (input / kernel / bias `data`, `expect.output`) stay in the server — a 10 MB paste is a million numbers,
 * which took the host 60–200 ms to receive. The host never reads them (hovers run in the server); each such
 * field keeps its ref, so the host still knows where it is written.
 */
import type { DetailValue, VerificationResult } from '../engine';
import type { ChainPlan } from '../specFile';
import { LineIndex, type Position } from '../specFile/positions';
import type { VerificationOutcome } from '../specFile/verifySpec';

/** Model fields that hold nested numbers: `data` of a tensor spec, `output` of an expectation. */
const BULK_KEYS: ReadonlySet<string> = new Set(['data', 'output']);
type BulkKey = 'data' | 'output';

/** `T` with its `data` and `output` fields reduced to their refs (recursively). */
export type Lean<T> = T extends readonly (infer U)[]
  ? readonly Lean<U>[]
  : T extends object
    ? {
        readonly [K in keyof T]: K extends BulkKey
          ? Omit<NonNullable<T[K]>, 'value'> | Extract<T[K], undefined>
          : Lean<T[K]>;
      }
    : T;

export interface HostVerificationOutcome extends Omit<VerificationOutcome, 'plan'> {
  readonly plan: Lean<ChainPlan> | null;
  /** Per plan layer (same index): where its key (or value) starts, 1-based, so the host need not index the text's lines. */
  readonly layerPositions: readonly Position[];
}

function leanValue(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(leanValue);
  if (value === null || typeof value !== 'object' || ArrayBuffer.isView(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    out[key] =
      BULK_KEYS.has(key) && v !== null && typeof v === 'object' && 'ref' in v
        ? { ref: (v as { ref: unknown }).ref }
        : leanValue(v);
  }
  return out;
}

/** A copy without the values of data arrays (the original is left untouched: the worker keeps using it). */
export function lean<T>(value: T): Lean<T> {
  return leanValue(value) as Lean<T>;
}

/** A number JSON can carry: the language server's answers are JSON, where NaN and ±Infinity would become null. */
function jsonNumber(value: number): number | string {
  return Number.isFinite(value) ? value : String(value);
}

export function jsonSafeResult(result: VerificationResult): VerificationResult {
  const details: Record<string, DetailValue> = {};
  for (const [key, value] of Object.entries(result.details)) {
    details[key] =
      typeof value === 'number'
        ? jsonNumber(value)
        : Array.isArray(value) && !value.every(Number.isFinite)
          ? `[${value.map(String).join(', ')}]`
          : value;
  }
  return { ...result, details };
}

export function verificationForHost(outcome: VerificationOutcome, text: string): HostVerificationOutcome {
  const layers = outcome.plan?.layers ?? [];
  const lines = layers.length > 0 ? new LineIndex(text) : undefined;
  const layerPositions = layers.map((l) => (lines as LineIndex).positionAt(l.spec.ref.keyOffset ?? l.spec.ref.offset));
  const verification = outcome.verification && {
    ...outcome.verification,
    layers: outcome.verification.layers.map((l) => ({ ...l, results: l.results.map(jsonSafeResult) })),
  };
  return { ...outcome, ...(verification ? { verification } : {}), plan: lean(outcome.plan), layerPositions };
}
