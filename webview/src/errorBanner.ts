/** The errors of the current text, on top of the last good render of the same document (which stays, dimmed). */
import type { ErrorMessage, WebviewMessage } from '../../src/webviewProtocol';
import { el, setText, userText } from './dom';
import { diagnosticList } from './header';
import { t } from './strings';

export class ErrorBanner {
  readonly root = el('section', { className: 'error-banner', attrs: { role: 'alert' } });

  constructor(private readonly post: (m: WebviewMessage) => void) {
    this.root.hidden = true;
  }

  show(message: ErrorMessage, hasRender: boolean): void {
    const title = el('h2');
    setText(title, t('error.title'));
    const errors = [
      el('p', { className: 'error-message' }, [userText(message.message)]),
      diagnosticList(message.diagnostics, this.post, 'diagnostics'),
    ];
    // Without a render the note ("fix the errors below") comes before the errors; with one, after them.
    this.root.replaceChildren(
      title,
      ...(hasRender
        ? [...errors, el('p', { className: 'muted stale-note', text: t('status.stale') })]
        : [el('p', { className: 'no-render-note', text: t('error.noRender') }), ...errors]),
    );
    this.root.hidden = false;
  }

  hide(): void {
    this.root.hidden = true;
    this.root.replaceChildren();
  }
}
