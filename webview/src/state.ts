/** The view state the webview persists with setState (PreviewState), and which layer and planes it selects. */
import {
  type LayerPayload,
  type OpLayerPayload,
  type PreviewPayload,
  type PreviewState,
} from '../../src/webviewProtocol';
import { isPreviewState } from '../../src/webviewMessageGuards';

export const DEFAULT_STATE: PreviewState = {
  documentUri: null,
  view: 'shapes',
  layerId: null,
  batch: 0,
  inChannel: 0,
  outChannel: 0,
  step: 0,
  zoom: 1,
  depth: 0,
};

export const MIN_ZOOM = 0.5;
export const MAX_ZOOM = 3;

export function restoreState(raw: unknown): PreviewState {
  if (!isPreviewState(raw)) return DEFAULT_STATE;
  return { ...raw, zoom: Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, raw.zoom)) };
}

/** The selected layer: the remembered one while it exists, else the first transposed layer, else the first. */
export function selectedLayer(payload: PreviewPayload, layerId: string | null): LayerPayload | null {
  return (
    payload.layers.find((l) => l.id === layerId) ??
    payload.layers.find((l) => l.kind === 'convTranspose') ??
    payload.layers[0] ??
    null
  );
}

/** The selected layer when it is one without a weight (pool, upsample, pad, crop, concat, add): only Grids shows it. */
export function selectedOpLayer(payload: PreviewPayload, layerId: string | null): OpLayerPayload | null {
  return payload.opLayers?.find((l) => l.id === layerId) ?? null;
}

/** What picking a layer needs of it: a convolution or a layer without a weight. */
export type PickedLayer = Pick<LayerPayload, 'id' | 'inputShape' | 'outputShape'>;

export interface ChannelCounts {
  readonly batch: number;
  readonly inChannels: number;
  readonly outChannels: number;
  /** 3-D layers: the output's depth slices (the input and kernel follow, see depthSlices); 1 otherwise. */
  readonly depth: number;
}

export function channelCounts(layer: PickedLayer): ChannelCounts {
  const depth = layer.outputShape.length === 5 ? layer.outputShape[2] : 1;
  return { batch: layer.inputShape[0], inChannels: layer.inputShape[1], outChannels: layer.outputShape[1], depth };
}

/**
 * The state with its layer, sample and channels inside what the layer has. When the remembered layer is gone and
 * another is selected, Steps starts at that layer's first step.
 */
export function clampToLayer(state: PreviewState, layer: PickedLayer): PreviewState {
  const counts = channelCounts(layer);
  const clamp = (v: number, n: number) => Math.max(0, Math.min(v, n - 1));
  const otherLayer = state.layerId !== null && state.layerId !== layer.id;
  return {
    ...state,
    layerId: layer.id,
    step: otherLayer ? 0 : state.step,
    batch: clamp(state.batch, counts.batch),
    inChannel: clamp(state.inChannel, counts.inChannels),
    outChannel: clamp(state.outChannel, counts.outChannels),
    depth: clamp(state.depth ?? 0, counts.depth),
  };
}
