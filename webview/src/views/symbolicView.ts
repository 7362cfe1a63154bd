/** Symbolic: out = Σ w·x typeset with KaTeX, and W with weight symbols. */
import { render as renderKatex } from 'katex';
import type { SymbolicPayload, SymbolPayload } from '../../../src/webviewProtocol';
import { el, setText } from '../dom';
import { t } from '../strings';
import type { View, ViewContext } from './view';

/** Equations typeset with KaTeX; the rest are listed as Unicode text. */
const MAX_TYPESET_EQUATIONS = 128;
/** W's cells are typeset up to this many; larger tables use Unicode symbols. */
const MAX_TYPESET_CELLS = 256;

function typeset(symbol: SymbolPayload, className: string): HTMLElement {
  const node = el('span', { className: `math ${className}`, title: symbol.unicode });
  try {
    renderKatex(symbol.latex, node, { throwOnError: true, displayMode: false, output: 'htmlAndMathml', trust: false });
  } catch {
    setText(node, symbol.unicode);
  }
  return node;
}

function equations(s: SymbolicPayload): HTMLElement {
  const typesetList = el(
    'ol',
    { className: 'equations' },
    s.outputs.slice(0, MAX_TYPESET_EQUATIONS).map((e) => el('li', {}, [typeset(e, 'equation')])),
  );
  const rest = s.outputs.slice(MAX_TYPESET_EQUATIONS);
  const more = rest.length
    ? el('details', {}, [
        el('summary', { text: t('symbolic.more', rest.length) }),
        el(
          'ol',
          { className: 'equations unicode', attrs: { start: String(MAX_TYPESET_EQUATIONS + 1) } },
          rest.map((e) => el('li', { text: e.unicode })),
        ),
      ])
    : null;
  return el('section', { className: 'card' }, [el('h3', { text: t('symbolic.outputs') }), typesetList, more]);
}

function matrixTable(s: SymbolicPayload): HTMLElement {
  const typesetCells = s.rows * s.cols <= MAX_TYPESET_CELLS;
  const cell = (ref: SymbolPayload) => (typesetCells ? typeset(ref, 'cell') : el('span', { text: ref.unicode }));
  const head = el('tr', {}, [
    el('th', { className: 'corner' }),
    ...s.colSymbols.map((c) => el('th', { className: 'col-head', attrs: { scope: 'col' } }, [cell(c)])),
  ]);
  const rows = s.rowSymbols.map((rowSymbol, r) =>
    el('tr', {}, [
      el('th', { className: 'row-head', attrs: { scope: 'row' } }, [cell(rowSymbol)]),
      ...s.colSymbols.map((_, c) => {
        const w = s.cells[r * s.cols + c];
        return w < 0 ? el('td', { className: 'empty', text: '0' }) : el('td', {}, [cell(s.weights[w])]);
      }),
    ]),
  );
  return el('section', { className: 'card' }, [
    el('h3', { text: `${t('symbolic.matrix')} · ${s.rows}×${s.cols}` }),
    el('div', { className: 'grid-scroll' }, [
      el('table', { className: 'number-grid symbolic-grid' }, [el('thead', {}, [head]), el('tbody', {}, rows)]),
    ]),
  ]);
}

export class SymbolicView implements View {
  readonly id = 'symbolic' as const;
  readonly root = el('div', { className: 'view symbolic-view' });
  private rendered: SymbolicPayload | null = null;

  render(ctx: ViewContext): void {
    const s = ctx.layer.symbolic;
    if (!s) {
      this.rendered = null;
      const nodes: Node[] = [el('p', { text: ctx.layer.symbolicNote ?? t('symbolic.off') })];
      if (!ctx.payload.symbolic) {
        const on = el('vscode-button', { text: t('symbolic.turnOn') });
        on.addEventListener('click', () => ctx.post({ type: 'command', command: 'toggleSymbolic' }));
        nodes.push(on);
      }
      this.root.replaceChildren(el('section', { className: 'card view-message' }, nodes));
      return;
    }
    // Typesetting is the slow part: skip it when the symbols did not change.
    if (this.rendered && JSON.stringify(this.rendered) === JSON.stringify(s)) return;
    this.rendered = s;
    this.root.replaceChildren(equations(s), matrixTable(s));
  }
}
