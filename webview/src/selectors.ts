/** The layer, sample and channel pickers (vscode-single-select), rebuilt only when their choices change. */
import type { LayerPayload, OpLayerPayload, PreviewPayload, PreviewState } from '../../src/webviewProtocol';
import { el } from './dom';
import { shapeText } from './format';
import { channelCounts } from './state';
import { t } from './strings';

interface Choice {
  readonly value: string;
  readonly label: string;
}

const ZOOMS = [0.5, 0.75, 1, 1.5, 2, 3];

class Picker {
  readonly root: HTMLElement;
  readonly select: HTMLElement & { value: string };
  private signature = '';

  constructor(className: string, label: string, onChange: (value: string) => void) {
    this.select = el('vscode-single-select', { className, attrs: { 'aria-label': label } }) as HTMLElement & {
      value: string;
    };
    this.select.addEventListener('change', () => onChange(this.select.value));
    this.root = el('label', { className: 'picker' }, [
      el('span', { className: 'picker-label', text: label }),
      this.select,
    ]);
  }

  set(choices: readonly Choice[], value: string): void {
    const signature = JSON.stringify(choices);
    if (signature !== this.signature) {
      this.signature = signature;
      this.select.replaceChildren(
        ...choices.map((c) =>
          el('vscode-option', {
            text: c.label,
            attrs: { value: c.value, ...(c.value === value ? { selected: '' } : {}) },
          }),
        ),
      );
    }
    if (this.select.value !== value) this.select.value = value;
  }
}

/** The depth slice of a 3-D layer: a slider with the slice number beside it (hidden below 3-D). */
class DepthSlider {
  readonly root: HTMLElement;
  readonly input: HTMLInputElement;
  private readonly value = el('span', { className: 'depth-value' });

  constructor(label: string, onChange: (depth: number) => void) {
    this.input = el('input', {
      className: 'select-depth',
      attrs: { type: 'range', min: '0', max: '0', step: '1', value: '0', 'aria-label': label },
    });
    this.input.addEventListener('input', () => onChange(Number(this.input.value)));
    this.root = el('label', { className: 'picker depth-picker' }, [
      el('span', { className: 'picker-label', text: label }),
      this.input,
      this.value,
    ]);
  }

  set(count: number, depth: number): void {
    const max = String(Math.max(0, count - 1));
    if (this.input.max !== max) this.input.max = max;
    if (this.input.value !== String(depth)) this.input.value = String(depth);
    this.value.textContent = `d = ${depth} (0…${count - 1})`;
    this.root.hidden = count <= 1;
  }
}

function numbered(count: number): Choice[] {
  return Array.from({ length: count }, (_, i) => ({ value: String(i), label: String(i) }));
}

export class Selectors {
  readonly root: HTMLElement;
  private readonly layer: Picker;
  private readonly batch: Picker;
  private readonly inChannel: Picker;
  private readonly outChannel: Picker;
  private readonly zoom: Picker;
  private readonly depth: DepthSlider;

  constructor(onChange: (patch: Partial<PreviewState>) => void) {
    this.layer = new Picker('select-layer', t('select.layer'), (v) => onChange({ layerId: v }));
    this.batch = new Picker('select-batch', t('select.batch'), (v) => onChange({ batch: Number(v), step: 0 }));
    this.inChannel = new Picker('select-in', t('select.inChannel'), (v) => onChange({ inChannel: Number(v) }));
    this.outChannel = new Picker('select-out', t('select.outChannel'), (v) =>
      onChange({ outChannel: Number(v), step: 0 }),
    );
    this.zoom = new Picker('select-zoom', t('select.zoom'), (v) => onChange({ zoom: Number(v) }));
    this.depth = new DepthSlider(t('select.depth'), (d) => onChange({ depth: d }));
    this.root = el('nav', { className: 'selectors' }, [
      this.layer.root,
      this.batch.root,
      this.inChannel.root,
      this.outChannel.root,
      this.depth.root,
      this.zoom.root,
    ]);
  }

  /** `layer`: the selected convolution, or the selected layer without a weight (its sample and output channel only). */
  update(payload: PreviewPayload, layer: LayerPayload | OpLayerPayload, state: PreviewState): void {
    // Every step of the chain in order: the convolutions, and the layers without a weight (Grids shows those).
    const steps: (LayerPayload | OpLayerPayload)[] = [...payload.layers, ...(payload.opLayers ?? [])];
    steps.sort((a, b) => a.index - b.index);
    this.layer.set(
      steps.map((l) => ({
        value: l.id,
        label: `${l.name} · ${shapeText(l.inputShape)} → ${shapeText(l.outputShape)}`,
      })),
      layer.id,
    );
    const counts = channelCounts(layer);
    this.batch.set(numbered(counts.batch), String(state.batch));
    this.inChannel.set(numbered(counts.inChannels), String(state.inChannel));
    this.outChannel.set(numbered(counts.outChannels), String(state.outChannel));
    this.zoom.set(
      ZOOMS.map((z) => ({ value: String(z), label: `${Math.round(z * 100)}%` })),
      String(state.zoom),
    );
    // A picker with one choice says nothing: hide it.
    this.batch.root.hidden = counts.batch === 1;
    this.inChannel.root.hidden = counts.inChannels === 1 || 'op' in layer;
    this.outChannel.root.hidden = counts.outChannels === 1;
    this.depth.set(counts.depth, state.depth ?? 0);
  }
}
