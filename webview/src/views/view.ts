/** What every view gets to render, and what it is. */
import type { LayerPayload, PreviewPayload, PreviewState, ViewId, WebviewMessage } from '../../../src/webviewProtocol';

export interface ViewContext {
  readonly payload: PreviewPayload;
  readonly layer: LayerPayload;
  readonly state: PreviewState;
  /** Changes the view state (persisted, and every view re-renders). */
  update(patch: Partial<PreviewState>): void;
  post(message: WebviewMessage): void;
  /** The status line under the views (hover information). */
  status(text: string): void;
}

export interface View {
  readonly id: ViewId;
  /** The panel's content; it stays the same node across renders. */
  readonly root: HTMLElement;
  render(ctx: ViewContext): void;
}

/** Asks the host for values the payload left out (a plane past the caps, or a layer past the budget). */
export function requestPlanes(ctx: ViewContext): void {
  const { layerId, batch, inChannel, outChannel, depth } = ctx.state;
  // The depth slice only means something for a 3-D layer; 1-D and 2-D selections stay as they were.
  const slice = ctx.layer.inputShape.length === 5 ? { depth: depth ?? 0 } : {};
  ctx.post({ type: 'selection', layerId: layerId ?? ctx.layer.id, batch, inChannel, outChannel, ...slice });
}
