/** Symbolic mode: W with weight symbols and out = Σ w·x, as Unicode and LaTeX (engine symbolic.ts). */
import * as l10n from '@vscode/l10n';
import {
  equationToLatex,
  equationToUnicode,
  symbolicTransposedConv,
  symbolToLatex,
  symbolToUnicode,
  type SymbolicLayer,
  type SymbolRef,
} from '../engine';
import type { SymbolicPayload, SymbolPayload } from '../webviewProtocol';
import type { LayerPlan } from '../specFile';
import { formatCount } from '../specFile/format';
import { layerMatrixSize } from './layerMatrix';

export interface SymbolicResult {
  readonly symbolic: SymbolicPayload | null;
  readonly note: string | null;
}

const symbol = (s: SymbolRef): SymbolPayload => ({ unicode: symbolToUnicode(s), latex: symbolToLatex(s) });

export type LayerSymbolic =
  { readonly ok: true; readonly layer: SymbolicLayer } | { readonly ok: false; readonly note: string };

/** The layer's symbolic form, or why there is none: shared by the preview's Symbolic view and `tconv show --symbolic`. */
export function layerSymbolic(plan: LayerPlan, maxEntries: number): LayerSymbolic {
  if (plan.kind !== 'convTranspose') return { ok: false, note: l10n.t('Symbolic mode covers transposed layers.') };
  if (plan.inputShape.length === 5)
    return {
      ok: false,
      note: l10n.t(
        'Symbolic mode covers 1-D and 2-D layers: a 3-D layer has no convolution matrix W to write out (see Grids, slice by slice).',
      ),
    };
  const size = layerMatrixSize(plan);
  if (size.rows * size.cols > maxEntries) {
    return {
      ok: false,
      note: l10n.t(
        'W is {0}×{1}; symbolic mode stops at {2} entries.',
        formatCount(size.rows),
        formatCount(size.cols),
        formatCount(maxEntries),
      ),
    };
  }
  return { ok: true, layer: symbolicTransposedConv(plan.inputShape, plan.weightShape, plan.params, maxEntries) };
}

export function symbolicPayload(plan: LayerPlan, enabled: boolean, maxEntries: number): SymbolicResult {
  if (!enabled) return { symbolic: null, note: l10n.t('Symbolic mode is off.') };
  const found = layerSymbolic(plan, maxEntries);
  if (!found.ok) return { symbolic: null, note: found.note };
  const { layer } = found;
  return {
    symbolic: {
      rows: layer.W.rows,
      cols: layer.W.cols,
      rowSymbols: layer.W.rowSymbols.map(symbol),
      colSymbols: layer.W.colSymbols.map(symbol),
      cells: layer.W.cells.map((c) => (c === null ? -1 : c.offset)),
      weights: layer.weightSymbols.map(symbol),
      outputs: layer.outputs.map((e) => ({ unicode: equationToUnicode(e), latex: equationToLatex(e) })),
    },
    note: null,
  };
}
