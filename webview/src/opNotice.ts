/**
 * While a layer without a kernel (pool, upsample, pad, crop, concat, add) is selected, the views that show a
 * convolution's kernel, matrix or code have nothing of it to show: this notice takes their place and leads to Grids.
 */
import type { OpLayerPayload, ViewId } from '../../src/webviewProtocol';
import { el } from './dom';
import { t } from './strings';
import type { View } from './views/view';

/**
 * The views about one convolution; Shapes, Grids and Verify show every layer, and Code shows the whole chain when
 * a layer without a kernel is selected.
 */
export const CONVOLUTION_VIEWS: ReadonlySet<ViewId> = new Set(['steps', 'matrix', 'symbolic', 'overlap']);

export class OpNotice {
  readonly root = el('section', { className: 'card view-message op-notice' });

  /** Hides the convolution views while `op` is selected, and puts the notice in `active`'s place when it is one. */
  place(views: Iterable<View>, active: View | undefined, op: OpLayerPayload | null, showGrids: () => void): void {
    for (const view of views) view.root.hidden = op !== null && CONVOLUTION_VIEWS.has(view.id);
    if (!op || !active || !CONVOLUTION_VIEWS.has(active.id)) {
      this.root.remove();
      return;
    }
    const button = el('vscode-button', { text: t('grids.showGrids') });
    button.addEventListener('click', showGrids);
    this.root.replaceChildren(el('p', { text: t('grids.opOnly', op.name, op.signature) }), button);
    active.root.before(this.root);
  }
}
