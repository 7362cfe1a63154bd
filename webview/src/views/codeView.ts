/**
 * Code: the selected layer, or the whole chain (every layer, the skip connections kept in variables), in PyTorch,
 * TensorFlow/Keras, ONNX and JAX, each with a Copy button and its caveats. A layer without a kernel (pool, concat, …)
 * has no code of its own: it is shown in the whole chain.
 */
import type { CodeSnippet } from '../../../src/webviewProtocol';
import { copyText } from '../clipboard';
import { el, setText } from '../dom';
import { selectedOpLayer } from '../state';
import { t } from '../strings';
import type { View, ViewContext } from './view';

type Scope = 'layer' | 'chain';

function snippetCard(snippet: CodeSnippet, scope: Scope, ctx: ViewContext): HTMLElement {
  const copy = el('vscode-button', {
    className: 'copy-button',
    text: t('code.copy'),
    attrs: { secondary: '', 'data-framework': snippet.framework },
  });
  const done = el('span', { className: 'copy-status muted', attrs: { 'aria-live': 'polite' } });
  copy.addEventListener('click', () => {
    void copyText(snippet.code, (message) => ctx.post(message)).then((ok) =>
      setText(done, ok ? t('code.copied') : t('code.copiedByHost')),
    );
  });
  const notes = snippet.notes.length
    ? el(
        'ul',
        { className: 'code-notes' },
        snippet.notes.map((n) => el('li', { text: n })),
      )
    : null;
  // The whole chain's cards carry their own class, so `.code-card[data-framework=…]` keeps naming the layer's.
  const className = scope === 'layer' ? 'card code-card' : 'card chain-code-card';
  return el('section', { className, attrs: { 'data-framework': snippet.framework } }, [
    el('div', { className: 'card-head' }, [el('h3', { text: snippet.title }), copy, done]),
    el('pre', { className: 'code' }, [el('code', { text: snippet.code })]),
    notes,
  ]);
}

export class CodeView implements View {
  readonly id = 'code' as const;
  readonly root = el('div', { className: 'view code-view' });
  private scope: Scope = 'layer';

  render(ctx: ViewContext): void {
    const chain = ctx.payload.chainCode ?? [];
    const op = selectedOpLayer(ctx.payload, ctx.state.layerId);
    const scope: Scope = chain.length > 0 && (op !== null || this.scope === 'chain') ? 'chain' : 'layer';
    const snippets = scope === 'chain' ? chain : ctx.layer.code;
    this.root.replaceChildren(
      ...(chain.length > 0 ? [this.scopePicker(ctx, scope, op?.name ?? ctx.layer.name, op !== null)] : []),
      ...snippets.map((s) => snippetCard(s, scope, ctx)),
    );
  }

  /** "Code for: [This layer (up1)] [Whole chain (17 layers)]"; the layer's button is off for a layer without code. */
  private scopePicker(ctx: ViewContext, scope: Scope, layerName: string, layerHasNoCode: boolean): HTMLElement {
    const button = (which: Scope, text: string) => {
      const pressed = which === scope;
      const b = el('vscode-button', {
        className: `code-scope-${which}`,
        text,
        attrs: { 'aria-pressed': String(pressed), ...(pressed ? {} : { secondary: '' }) },
      });
      if (which === 'layer' && layerHasNoCode) b.setAttribute('disabled', '');
      b.addEventListener('click', () => {
        if (this.scope === which) return;
        this.scope = which;
        this.render(ctx);
      });
      return b;
    };
    return el('div', { className: 'code-scope', attrs: { role: 'group', 'aria-label': t('code.scope') } }, [
      el('span', { className: 'muted', text: `${t('code.scope')}:` }),
      button('layer', t('code.thisLayer', layerName)),
      button('chain', t('code.wholeChain', ctx.payload.walk.length - 1)),
    ]);
  }
}
