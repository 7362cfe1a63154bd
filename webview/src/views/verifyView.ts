/** Verify: every check with pass/fail and its numbers; the button runs the Verify command on every layer. */
import type {
  LayerVerificationPayload,
  VerificationPayload,
  VerificationResultPayload,
} from '../../../src/webviewProtocol';
import { el, userText } from '../dom';
import { valueText } from '../format';
import { t } from '../strings';
import type { View, ViewContext } from './view';

const MARKS = { passed: '✔', failed: '✘', notRun: '–' } as const;

function statusLabel(status: VerificationResultPayload['status']): string {
  return status === 'passed' ? t('verify.passed') : status === 'failed' ? t('verify.failed') : t('verify.notRun');
}

function detailValue(value: VerificationResultPayload['details'][string]): string {
  if (Array.isArray(value)) return `[${value.map(valueText).join(', ')}]`;
  return typeof value === 'number' ? valueText(value) : String(value);
}

function resultRow(r: VerificationResultPayload): HTMLElement {
  const details = Object.entries(r.details);
  const numbers = details.length
    ? el('details', {}, [
        el('summary', { text: t('verify.details') }),
        el(
          'dl',
          { className: 'stats' },
          details.flatMap(([k, v]) => [el('dt', { text: k }), el('dd', { text: detailValue(v) })]),
        ),
      ])
    : null;
  return el('tr', { className: `result ${r.status}`, attrs: { 'data-check': r.name } }, [
    el('td', { className: `mark ${r.status}`, text: MARKS[r.status], title: statusLabel(r.status) }),
    el('td', { className: 'check-title', text: r.title }),
    el('td', {}, [el('div', { className: 'summary', text: r.notRun ?? r.summary }), numbers]),
  ]);
}

function layerCard(layer: LayerVerificationPayload): HTMLElement {
  return el('section', { className: 'card verify-layer', attrs: { 'data-layer-id': layer.layerId } }, [
    el('h3', {}, [userText(layer.layerName)]),
    layer.error ? el('p', { className: 'error-text', text: layer.error }) : null,
    el('table', { className: 'results' }, [el('tbody', {}, layer.results.map(resultRow))]),
  ]);
}

export class VerifyView implements View {
  readonly id = 'verify' as const;
  readonly root = el('div', { className: 'view verify-view' });
  /** Results of the Verify command replace the preview's own until the next render. */
  commandResult: VerificationPayload | null = null;

  render(ctx: ViewContext): void {
    const v = this.commandResult ?? ctx.payload.verification;
    const run = el('vscode-button', { className: 'verify-button', text: t('verify.run') });
    run.addEventListener('click', () => ctx.post({ type: 'command', command: 'verify' }));
    const { passed, failed, notRun } = v.counts;
    const summary = el('section', { className: `card verify-summary ${v.status}` }, [
      el('div', { className: 'card-head' }, [
        el('h3', {}, [
          el('span', { className: `mark ${v.status}`, text: `${MARKS[v.status]} ` }),
          el('span', { text: t('verify.counts', passed, failed, notRun) }),
        ]),
        run,
      ]),
      el('p', {
        className: 'muted',
        text: v.source === 'command' ? t('verify.sourceCommand') : t('verify.sourcePreview'),
      }),
      v.note ? el('p', { className: 'note', text: v.note }) : null,
      v.layers.length === 0 ? el('p', { text: t('verify.none') }) : null,
    ]);
    this.root.replaceChildren(summary, ...v.layers.map(layerCard));
  }
}
