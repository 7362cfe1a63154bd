/**
 * One walk of the graph from one input along the main data path (the first consumer of each tensor, in the graph's
 * topological order): each op on it becomes a layer (its family's mapper), is left out and listed, or stops the
 * walk. Concat and Add join the path with a tensor the walk has seen, named by the layer that made it.
 */
import * as l10n from '@vscode/l10n';
import type { onnx } from 'onnx-proto';
import { convLayer } from './convLayer';
import { isConstant, type GraphIndex } from './graphIndex';
import type { ImportNote, ImportNoteKind, ImportOptions } from './importTypes';
import { CHAIN_OPS, CONV_OPS, SHAPE_KEEPING, SHAPE_READERS, WITH_CONSTANT } from './opFamilies';
import type { MappedOp, OpStep } from './opStep';
import { padLayer } from './padLayer';
import { Attributes } from './protoValues';
import { poolLayer } from './poolLayer';
import { upsampleLayer } from './upsampleLayer';

/** The mapper of each op that becomes a layer of its own (Concat and Add join the path: see ChainWalk). */
const MAPPERS: ReadonlyMap<string, (step: OpStep) => MappedOp> = new Map([
  ['Conv', convLayer],
  ['ConvTranspose', convLayer],
  ['MaxPool', poolLayer],
  ['AveragePool', poolLayer],
  ['Resize', upsampleLayer],
  ['Upsample', upsampleLayer],
  ['Pad', padLayer],
]);

/** Walks the graph from one input; throws only for a model it cannot read at all. */
export class ChainWalk {
  readonly layers: Record<string, unknown>[] = [];
  readonly notes: ImportNote[] = [];
  private readonly usedNames = new Set<string>(['input']);
  /** Which layer's output (or "input") each tensor on the path is; left-out ops map their output to the same. */
  private readonly tensorLayer = new Map<string, string>();
  private current: string;
  private stopped = false;
  private convCount = 0;

  constructor(
    private readonly index: GraphIndex,
    private readonly dims: number,
    inputName: string,
    private readonly options: ImportOptions,
  ) {
    this.current = inputName;
    this.tensorLayer.set(inputName, 'input');
  }

  get convLayers(): number {
    return this.convCount;
  }

  get stopNote(): ImportNote | undefined {
    return this.notes.find((n) => n.kind === 'stopped');
  }

  private note(kind: ImportNoteKind, node: onnx.INodeProto, name: string, message: string, short?: string): void {
    const op = node.opType ?? '';
    this.notes.push({ kind, op, node: name, message, short: short ?? `${op} '${name}'` });
  }

  private stop(node: onnx.INodeProto, name: string, reason: string): void {
    this.stopped = true;
    this.note(
      'stopped',
      node,
      name,
      l10n.t("{0} '{1}': tconv does not model it ({2}); the chain stops here", node.opType ?? '', name, reason),
    );
  }

  private leaveOut(node: onnx.INodeProto, name: string): void {
    this.note(
      'notModelled',
      node,
      name,
      l10n.t(
        "{0} '{1}': not modelled, left out (the shape goes on unchanged; values after it differ from the model's)",
        node.opType ?? '',
        name,
      ),
    );
    this.advance(node, this.tensorLayer.get(this.current) ?? 'input');
  }

  private advance(node: onnx.INodeProto, layer: string): void {
    this.current = node.output?.[0] ?? '';
    this.tensorLayer.set(this.current, layer);
  }

  private uniqueName(base: string): string {
    let name = base;
    for (let i = 2; this.usedNames.has(name); i++) name = `${base}_${i}`;
    this.usedNames.add(name);
    return name;
  }

  private emit(node: onnx.INodeProto, name: string, layer: Record<string, unknown>): void {
    const layerName = this.uniqueName(name);
    this.layers.push({ name: layerName, ...layer });
    this.advance(node, layerName);
  }

  visit(node: onnx.INodeProto, position: number): void {
    const op = node.opType ?? '';
    const name = node.name || `${op}_${position}`;
    const inputs = node.input ?? [];
    const merges = op === 'Concat' || op === 'Add' || op === 'Sum';
    const onPath = !this.stopped && (inputs[0] === this.current || (merges && inputs.includes(this.current)));
    if (!onPath) {
      if (CONV_OPS.has(op) || CHAIN_OPS.has(op))
        this.note(
          'offPath',
          node,
          name,
          l10n.t("{0} '{1}': not on the main data path from the input; not imported", op, name),
        );
      return;
    }
    if (SHAPE_READERS.has(op)) return;
    const mapper = MAPPERS.get(op);
    if (mapper) return this.map(node, name, mapper);
    if (op === 'Concat') return this.concat(node, name);
    if (op === 'Add' || op === 'Sum') return this.add(node, name);
    if (SHAPE_KEEPING.has(op)) return this.leaveOut(node, name);
    if (
      WITH_CONSTANT.has(op) &&
      inputs.length === 2 &&
      inputs.some((i) => i !== this.current && isConstant(this.index, i))
    )
      return this.leaveOut(node, name);
    this.stop(node, name, l10n.t('not a layer tconv has'));
  }

  private map(node: onnx.INodeProto, name: string, mapper: (step: OpStep) => MappedOp): void {
    const op = node.opType ?? '';
    const mapped = mapper({
      node,
      op,
      name,
      index: this.index,
      dims: this.dims,
      options: this.options,
      note: (kind, message, short) => this.note(kind, node, name, message, short),
    });
    if ('stop' in mapped) return this.stop(node, name, mapped.stop);
    if (CONV_OPS.has(op)) this.convCount++;
    this.emit(node, name, mapped.layer);
  }

  /** The other operand of a two-input merge, or undefined when it is not two inputs. */
  private otherOperand(node: onnx.INodeProto): string | undefined {
    const inputs = node.input ?? [];
    if (inputs.length !== 2) return undefined;
    return inputs[0] === this.current ? inputs[1] : inputs[0];
  }

  private concat(node: onnx.INodeProto, name: string): void {
    const rank = this.dims + 2;
    const axis = new Attributes(node).int('axis', 1);
    if ((axis + rank) % rank !== 1) return this.stop(node, name, l10n.t('concatenation along axis {0}', axis));
    const other = this.otherOperand(node);
    if (other === undefined) return this.stop(node, name, l10n.t('a concatenation of more than two tensors'));
    const withLayer = this.tensorLayer.get(other);
    if (withLayer === undefined) return this.stop(node, name, l10n.t('it joins a branch tconv does not follow'));
    if ((node.input ?? [])[0] !== this.current)
      this.note(
        'caveat',
        node,
        name,
        l10n.t(
          "Concat '{0}': the model puts '{1}' first, tconv after: the shapes agree, the channel order (and so later values) differs",
          name,
          withLayer,
        ),
      );
    this.emit(node, name, { type: 'concat', with: withLayer });
  }

  private add(node: onnx.INodeProto, name: string): void {
    const other = this.otherOperand(node);
    const withLayer = other === undefined ? undefined : this.tensorLayer.get(other);
    if (other !== undefined && withLayer !== undefined && other !== this.current)
      return this.emit(node, name, { type: 'add', with: withLayer });
    if (other !== undefined && isConstant(this.index, other)) return this.leaveOut(node, name);
    this.note(
      'branch',
      node,
      name,
      l10n.t("{0} '{1}': adds a branch tconv does not follow; left out", node.opType ?? '', name),
    );
    this.advance(node, this.tensorLayer.get(this.current) ?? 'input');
  }
}
