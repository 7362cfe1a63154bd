/**
 * Plans the non-convolution layers of a chain (maxPool, avgPool, upsample, pad, crop, concat, add): their
 * output shape with the formula per axis, PyTorch's rejections on the token to fix, and every size computed
 * exactly (terms beyond 2⁵¹ are refused as size-cap, like the convolutions' sizes). Each type is planned in its
 * own file (planPool, planUpsample, planPadCrop, planJoin); this one dispatches and builds the LayerPlan.
 */
import * as l10n from '@vscode/l10n';
import type { UpsampleMode } from '../engine';
import type { ChainOpKind } from './chainOpModel';
import { warnIgnoredFields } from './ignoredFields';
import { layerAnchor, layerLabel, layerName } from './labels';
import type { ChannelOrigin, PlannedLayer } from './layerRequest';
import type { LayerSpecModel, SpecModel } from './model';
import type { OpShape } from './opShape';
import type { LayerPlan } from './plan';
import { planJoin } from './planJoin';
import { planPad, planCrop } from './planPadCrop';
import { planPool } from './planPool';
import type { EarlierSteps, SkipSource } from './planSkip';
import { planUpsample } from './planUpsample';
import type { Reporter } from './reporter';

export type { SkipSource } from './planSkip';

export type ChainOpPlan =
  | {
      readonly kind: 'maxPool' | 'avgPool';
      readonly kernel: readonly number[];
      readonly stride: readonly number[];
      readonly padding: readonly number[];
      readonly dilation: readonly number[];
      readonly ceilMode: boolean;
      readonly countIncludePad: boolean;
    }
  | {
      readonly kind: 'upsample';
      readonly size?: readonly number[];
      readonly scaleFactor?: readonly number[];
      readonly mode: UpsampleMode;
      readonly alignCorners: boolean;
    }
  | { readonly kind: 'pad'; readonly pads: readonly number[]; readonly value: number }
  | {
      readonly kind: 'crop';
      readonly begin: readonly number[];
      readonly end: readonly number[];
      readonly centred: boolean;
    }
  | { readonly kind: 'concat' | 'add'; readonly source: SkipSource };

export interface OpRequest {
  readonly spec: SpecModel;
  readonly layer: LayerSpecModel & { readonly kind: ChainOpKind };
  readonly inputShape: readonly number[];
  readonly origin: ChannelOrigin;
  readonly earlier: EarlierSteps;
}

export function planOp(req: OpRequest, reporter: Reporter): PlannedLayer | null {
  const { spec, layer, inputShape } = req;
  warnIgnoredFields(req, reporter);
  let shape: OpShape | null;
  switch (layer.kind) {
    case 'maxPool':
    case 'avgPool':
      shape = planPool(req, reporter);
      break;
    case 'upsample':
      shape = planUpsample(req, reporter);
      break;
    case 'pad':
      shape = planPad(req, reporter);
      break;
    case 'crop':
      shape = planCrop(req, reporter);
      break;
    case 'concat':
    case 'add':
      shape = planJoin(req, reporter);
      break;
  }
  if (!shape) return null;
  const dims = spec.dims;
  const outputShape = [inputShape[0], shape.channels, ...shape.dims.map((c) => c.out)];
  const label = layerLabel(spec, layer.index, layer);
  const plan: LayerPlan = {
    index: layer.index,
    name: layerName(spec, layer.index, layer),
    kind: layer.kind,
    inputShape: [...inputShape],
    weightShape: [0],
    biasShape: null,
    outputShape,
    params: {
      stride: shape.params?.stride ?? new Array<number>(dims).fill(1),
      padding: shape.params?.padding ?? new Array<number>(dims).fill(0),
      dilation: shape.params?.dilation ?? new Array<number>(dims).fill(1),
      outputPadding: new Array<number>(dims).fill(0),
      groups: 1,
    },
    dims: shape.dims,
    weightSource: 'init',
    spec: layer,
    op: shape.op,
  };
  const origin: ChannelOrigin =
    shape.op.kind === 'concat'
      ? {
          span: layer.op.with?.ref ?? layerAnchor(layer),
          message: l10n.t(
            '{0} outputs {1} channels ({2} + {3} from {4})',
            label,
            shape.channels,
            inputShape[1],
            shape.op.source.shape[1],
            shape.op.source.name,
          ),
        }
      : req.origin;
  return { plan, outOrigin: origin };
}
