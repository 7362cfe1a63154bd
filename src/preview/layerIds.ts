/** Layer ids that stay the same across renders while the layer exists (the webview keys its selection on them). */
import { FORWARD_INDEX } from '../specFile/labels';

export const FORWARD_LAYER_ID = 'forward';

export function layerIdOf(index: number): string {
  return index === FORWARD_INDEX ? FORWARD_LAYER_ID : `layer-${index}`;
}
