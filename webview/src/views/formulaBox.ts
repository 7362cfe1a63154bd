/** An output-size formula typeset with KaTeX in a box of its own that scrolls sideways when it is wider than the view. */
import { render as renderKatex } from 'katex';
import type { DimPayload } from '../../../src/webviewProtocol';
import { el } from '../dom';
import { t } from '../strings';

/** Typeset formulas by source; a render patches the page with copies instead of typesetting again. */
const typeset = new Map<string, HTMLElement>();
const MAX_CACHED = 256;

function typesetCopy(source: string): HTMLElement | null {
  let node = typeset.get(source);
  if (!node) {
    node = el('span');
    try {
      renderKatex(source, node, {
        displayMode: true,
        throwOnError: true,
        output: 'htmlAndMathml',
        trust: false,
        strict: 'ignore',
      });
    } catch {
      return null;
    }
    if (typeset.size >= MAX_CACHED) typeset.clear();
    typeset.set(source, node);
  }
  return node.cloneNode(true) as HTMLElement;
}

/** The formula and the numbers as Unicode text: what KaTeX output stands for, and the fallback when it fails. */
function plainLines(d: DimPayload): HTMLElement[] {
  return [
    el('span', { className: 'formula-line', text: d.formula }),
    el('span', { className: 'formula-line', text: `= ${d.substituted}` }),
  ];
}

export function formulaBox(d: DimPayload): HTMLElement {
  const math = typesetCopy(d.tex.source);
  const box = el(
    'div',
    {
      className: math ? 'formula-box' : 'formula-box formula-plain',
      title: `${d.formula}\n= ${d.substituted}`,
      attrs: { role: 'group', 'aria-label': `${t('shapes.formula')} ${d.axis}`, tabindex: '0' },
    },
    math ? [math] : plainLines(d),
  );
  return box;
}
