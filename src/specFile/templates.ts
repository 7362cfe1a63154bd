/**
 * Starting points for "New Spec from Template" and the snippets: each one valid as written. `label` and
 * `detail` are getters, translated when the picker reads them; the spec texts are file content and stay as written.
 */
import * as l10n from '@vscode/l10n';
import { compactJson } from './compactJson';

export interface SpecTemplate {
  readonly id: 'single' | 'chain' | 'roundTrip' | 'symbolic';
  readonly label: string;
  readonly detail: string;
  readonly fileName: string;
  readonly text: string;
}

const json = compactJson;

export const SPEC_TEMPLATES: readonly SpecTemplate[] = [
  {
    id: 'single',
    get label() {
      return l10n.t('Single layer');
    },
    get detail() {
      return l10n.t("d2l's basic operation: a 2×2 input and a 2×2 kernel, stride 2");
    },
    fileName: 'layer.tconv.json',
    text: json({
      name: 'One transposed convolution',
      input: {
        data: [
          [0, 1],
          [2, 3],
        ],
      },
      layer: {
        kernel: {
          data: [
            [0, 1],
            [2, 3],
          ],
        },
        stride: 2,
        padding: 0,
      },
      expect: { outputShape: [4, 4] },
    }),
  },
  {
    id: 'chain',
    get label() {
      return l10n.t('Chain of layers (decoder)');
    },
    get detail() {
      return l10n.t('a small generator: 16×4×4 → 8×8×8 → 3×16×16');
    },
    fileName: 'decoder.tconv.json',
    text: json({
      name: 'Decoder',
      input: { shape: [16, 4, 4] },
      layers: [
        { name: 'up1', outChannels: 8, kernelSize: 4, stride: 2, padding: 1 },
        { name: 'to RGB', outChannels: 3, kernelSize: 4, stride: 2, padding: 1 },
      ],
      expect: { outputShape: [3, 16, 16] },
    }),
  },
  {
    id: 'roundTrip',
    get label() {
      return l10n.t('Round trip: conv → transposed conv');
    },
    get detail() {
      return l10n.t("d2l's 1×10×16×16 → 6×6 → 16×16");
    },
    fileName: 'round-trip.tconv.json',
    text: json({
      name: 'The transposed convolution restores the shape',
      input: { shape: [1, 10, 16, 16] },
      forward: { outChannels: 20 },
      layer: { outChannels: 10, kernelSize: 5, padding: 2, stride: 3 },
      verify: ['roundTrip', 'transpose', 'adjoint'],
    }),
  },
  {
    id: 'symbolic',
    get label() {
      return l10n.t('Symbolic (w₁₁x₁₁ + …)');
    },
    get detail() {
      return l10n.t('a 2×2 input and a 3×3 kernel: Wᵀ·x entries as expressions');
    },
    fileName: 'symbolic.tconv.json',
    text: json({
      name: 'Symbolic transposed convolution',
      input: { init: 'arange', shape: [2, 2] },
      layer: { kernelSize: 3, kernel: { init: 'arange', start: 1 } },
      verify: ['matrix', 'transpose', 'gradient'],
    }),
  },
];
