/** The views as tabs (vscode-tabs): one header and one panel per view, in VIEW_IDS order. */
import { VIEW_IDS, type ViewId } from '../../src/webviewProtocol';
import { el } from './dom';
import { t } from './strings';
import type { View } from './views/view';

export class Tabs {
  readonly root: HTMLElement;

  constructor(views: readonly View[], onSelect: (view: ViewId) => void) {
    this.root = el('vscode-tabs', { className: 'view-tabs', attrs: { 'selected-index': '0' } });
    for (const view of views) {
      this.root.append(
        el('vscode-tab-header', {
          className: `tab-${view.id}`,
          text: t(`view.${view.id}`),
          // The whole label on hover: below ~480 px the labels are cut to fit ("Symb…").
          title: t(`view.${view.id}`),
          attrs: { slot: 'header', 'data-view': view.id },
        }),
        el('vscode-tab-panel', { className: `panel-${view.id}`, attrs: { 'data-view': view.id } }, [view.root]),
      );
    }
    this.root.addEventListener('vsc-tabs-select', (event) => {
      const index = (event as CustomEvent<{ selectedIndex: number }>).detail.selectedIndex;
      const id = VIEW_IDS[index];
      if (id) onSelect(id);
    });
  }

  select(view: ViewId): void {
    const index = String(VIEW_IDS.indexOf(view));
    if (this.root.getAttribute('selected-index') !== index) this.root.setAttribute('selected-index', index);
  }
}
