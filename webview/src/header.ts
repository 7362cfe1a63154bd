/** The top of the preview: the spec's name and description, the toolbar, warnings and notes. */
import type { PreviewDiagnostic, PreviewPayload, WebviewMessage } from '../../src/webviewProtocol';
import { el, setText, userText } from './dom';
import { t } from './strings';

export function diagnosticList(
  diagnostics: readonly PreviewDiagnostic[],
  post: (m: WebviewMessage) => void,
  className: string,
): HTMLElement {
  return el(
    'ul',
    { className },
    diagnostics.map((d) => {
      const button = el(
        'button',
        {
          className: `link-button diagnostic ${d.severity}`,
          attrs: { type: 'button' },
          title: `${d.code} · ${d.line}:${d.column}`,
        },
        [
          el('span', { className: 'position', text: `${d.line}:${d.column}` }),
          el('span', { className: 'code-name', text: d.code }),
          userText(d.message, 'message'),
        ],
      );
      button.addEventListener('click', () => post({ type: 'reveal', offset: d.offset, length: d.length }));
      return el('li', {}, [button]);
    }),
  );
}

export class Header {
  readonly root: HTMLElement;
  private readonly title = el('h1', { className: 'spec-title' });
  private readonly description = el('p', { className: 'spec-description' });
  private readonly meta = el('p', { className: 'spec-meta muted' });
  private readonly extras = el('div', { className: 'header-extras' });
  private readonly symbolic: HTMLElement;

  constructor(private readonly post: (m: WebviewMessage) => void) {
    const button = (
      className: string,
      text: string,
      command: 'verify' | 'toggleSymbolic' | 'openSpec',
      secondary: boolean,
    ) => {
      const b = el('vscode-button', { className, text, attrs: secondary ? { secondary: '' } : {} });
      b.addEventListener('click', () => post({ type: 'command', command }));
      return b;
    };
    this.symbolic = button('toolbar-symbolic', t('toolbar.symbolic'), 'toggleSymbolic', true);
    const toolbar = el('div', { className: 'toolbar', attrs: { role: 'toolbar' } }, [
      button('toolbar-verify', t('toolbar.verify'), 'verify', false),
      this.symbolic,
      button('toolbar-open', t('toolbar.openSpec'), 'openSpec', true),
    ]);
    this.root = el('header', { className: 'preview-header' }, [
      el('div', { className: 'title-row' }, [this.title, toolbar]),
      this.description,
      this.meta,
      this.extras,
    ]);
  }

  showWaiting(): void {
    this.title.replaceChildren(userText(t('status.waiting')));
  }

  /** The file's name alone, while it has no render (its errors show in the banner). */
  showFile(fileName: string): void {
    this.title.replaceChildren(userText(fileName));
    this.description.replaceChildren();
    this.description.hidden = true;
    setText(this.meta, '');
    this.extras.replaceChildren();
  }

  update(payload: PreviewPayload, fileName: string): void {
    this.title.replaceChildren(userText(payload.title || fileName));
    this.description.replaceChildren(...(payload.description ? [userText(payload.description)] : []));
    this.description.hidden = !payload.description;
    // Every layer of the chain (the walk's steps after the input), pools and concats included, not only those with a kernel.
    const count = payload.walk.length - 1;
    const layers = count === 1 ? t('header.oneLayer') : t('header.layers', count);
    setText(
      this.meta,
      [fileName, t('header.dims', payload.dims), payload.dtype, layers, t('header.buildTime', payload.buildMs)].join(
        ' · ',
      ),
    );
    this.symbolic.setAttribute('aria-pressed', String(payload.symbolic));
    this.symbolic.classList.toggle('pressed', payload.symbolic);
    const parts: HTMLElement[] = [];
    if (payload.warnings.length)
      parts.push(
        el('section', { className: 'warnings' }, [
          el('h2', { text: t('warnings.title') }),
          diagnosticList(payload.warnings, this.post, 'diagnostics'),
        ]),
      );
    if (payload.notes.length)
      parts.push(
        el('section', { className: 'notes' }, [
          el('h2', { text: t('notes.title') }),
          el(
            'ul',
            {},
            payload.notes.map((n) => el('li', { text: n })),
          ),
        ]),
      );
    this.extras.replaceChildren(...parts);
  }
}
