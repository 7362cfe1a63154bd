/** Code: the layer in PyTorch, TensorFlow/Keras, ONNX and JAX, each with a Copy button and its caveats. */
import type { CodeSnippet } from '../../../src/webviewProtocol';
import { copyText } from '../clipboard';
import { el, setText } from '../dom';
import { t } from '../strings';
import type { View, ViewContext } from './view';

function snippetCard(snippet: CodeSnippet, ctx: ViewContext): HTMLElement {
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
  return el('section', { className: 'card code-card', attrs: { 'data-framework': snippet.framework } }, [
    el('div', { className: 'card-head' }, [el('h3', { text: snippet.title }), copy, done]),
    el('pre', { className: 'code' }, [el('code', { text: snippet.code })]),
    notes,
  ]);
}

export class CodeView implements View {
  readonly id = 'code' as const;
  readonly root = el('div', { className: 'view code-view' });

  render(ctx: ViewContext): void {
    this.root.replaceChildren(...ctx.layer.code.map((s) => snippetCard(s, ctx)));
  }
}
