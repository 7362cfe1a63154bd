/**
 * `tconv show --symbolic`: each transposed layer's outputs as out = Σ w·x and its W with weight symbols (engine
 * symbolic.ts), with the preview's cap (MAX_SYMBOLIC_ENTRIES cells of W) and the preview's notes for the layers it skips.
 */
import * as l10n from '@vscode/l10n';
import { equationToUnicode, MAX_SYMBOLIC_ENTRIES, symbolToUnicode, toUnicode, type SymbolicLayer } from '../engine';
import { layerSymbolic, type LayerSymbolic } from '../preview/symbolicPayload';
import type { LayerPlan } from '../specFile';
import { formatGrid } from './grid';
import type { Style } from './style';

/** W's symbol grid shows at most this many rows and columns, its header row and column included. */
const SYMBOLIC_GRID_LIMITS = { maxRows: 17, maxCols: 17 };

/** The layer's symbolic form, or why there is none (the preview's own gate and notes). */
function symbolicOf(plan: LayerPlan): LayerSymbolic {
  try {
    return layerSymbolic(plan, MAX_SYMBOLIC_ENTRIES);
  } catch (e) {
    return { ok: false, note: (e as Error).message };
  }
}

/** W's cells as Unicode weight symbols, "0" for a structural zero; rows are x's symbols, columns out's. */
function symbolCells(layer: SymbolicLayer): string[][] {
  const { rows, cols, cells } = layer.W;
  return Array.from({ length: rows }, (_, r) =>
    Array.from({ length: cols }, (_, c) => {
      const w = cells[r * cols + c];
      return w === null ? '0' : symbolToUnicode(w);
    }),
  );
}

export interface SymbolicJson {
  readonly symbolic: {
    /** "out₂₂ = w₂₂x₁₁ + …", one per output element of sample 0, in vec order. */
    readonly equations: readonly string[];
    /** The paired convolution's W: rows × columns, weight symbols or "0". */
    readonly W: readonly (readonly string[])[];
    readonly rowSymbols: readonly string[];
    readonly colSymbols: readonly string[];
  } | null;
  readonly symbolicNote?: string;
}

/** The `symbolic` field of a layer in `show --json --symbolic`: null with `symbolicNote` when skipped. */
export function symbolicJson(plan: LayerPlan): SymbolicJson {
  const s = symbolicOf(plan);
  if (!s.ok) return { symbolic: null, symbolicNote: s.note };
  return {
    symbolic: {
      equations: s.layer.outputs.map(equationToUnicode),
      W: symbolCells(s.layer),
      rowSymbols: s.layer.W.rowSymbols.map(symbolToUnicode),
      colSymbols: s.layer.W.colSymbols.map(symbolToUnicode),
    },
  };
}

function layerLines(layer: SymbolicLayer, style: Style): string[] {
  const left = layer.outputs.map((e) => symbolToUnicode(e.output));
  const width = Math.max(0, ...left.map((s) => s.length));
  const equations = layer.outputs.map((e, j) => `${left[j].padEnd(width)} = ${toUnicode(e.terms)}`);
  const cells = symbolCells(layer);
  const rowSymbols = layer.W.rowSymbols.map(symbolToUnicode);
  const colSymbols = layer.W.colSymbols.map(symbolToUnicode);
  // Row 0 and column 0 hold the symbols of out and x; no colour inside, escape codes would break the alignment.
  const cell = (r: number, c: number) =>
    r === 0 ? (c === 0 ? '' : colSymbols[c - 1]) : c === 0 ? rowSymbols[r - 1] : cells[r - 1][c - 1];
  return [
    style.bold(l10n.t('Outputs')),
    style.dim(`  ${l10n.t('First sample only; the bias is not included.')}`),
    ...equations.map((l) => `  ${l}`),
    `${style.bold(l10n.t('W with weight symbols'))} ${style.dim(`${layer.W.rows}×${layer.W.cols}`)}`,
    style.dim(`  ${l10n.t('Rows are the input x, columns the output out; 0 marks a structural zero.')}`),
    ...formatGrid(cell, layer.W.rows + 1, layer.W.cols + 1, SYMBOLIC_GRID_LIMITS).map((l) => `  ${l}`),
  ];
}

/** The "Symbolic" section of `tconv show --symbolic`: every layer, or the one-line reason it is skipped. */
export function symbolicLines(plans: readonly LayerPlan[], style: Style): string[] {
  const lines = [style.bold(l10n.t('Symbolic'))];
  for (const plan of plans) {
    const s = symbolicOf(plan);
    lines.push(`  ${style.bold(plan.name)}`);
    if (s.ok) lines.push(...layerLines(s.layer, style).map((l) => `    ${l}`));
    else lines.push(`    ${style.dim(s.note)}`);
  }
  return lines;
}
