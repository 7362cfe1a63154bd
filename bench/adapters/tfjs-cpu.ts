// Peer: @tensorflow/tfjs with its pure-JavaScript cpu backend.
import { tfjsAdapter } from './tfjs-common';

export const tfjsCpu = tfjsAdapter({
  id: 'tfjs-cpu',
  label: '@tensorflow/tfjs conv2dTranspose, cpu backend (float32)',
  tier: 'scalar', // plain JavaScript loops
  backend: 'cpu',
  async setup(tf) {
    if (!(await tf.setBackend('cpu'))) throw new Error('tfjs-cpu: the cpu backend failed to initialise');
  },
  async describe() {
    return {};
  },
});
