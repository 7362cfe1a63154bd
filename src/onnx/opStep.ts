/** What a mapper from one ONNX op to a spec layer is given, and what it answers. */
import type { onnx } from 'onnx-proto';
import type { GraphIndex } from './graphIndex';
import type { ImportNoteKind, ImportOptions } from './importTypes';

/** One node on the main data path, with what its mapper may read and a way to note a caveat about it. */
export interface OpStep {
  readonly node: onnx.INodeProto;
  readonly op: string;
  /** The node's name, or op_type_index when it has none. */
  readonly name: string;
  readonly index: GraphIndex;
  /** Spatial dimensions of the chain (1, 2 or 3). */
  readonly dims: number;
  readonly options: ImportOptions;
  note(kind: ImportNoteKind, message: string, short?: string): void;
}

/** The layer the op becomes, or why the chain stops at it. */
export type MappedOp = { readonly layer: Record<string, unknown> } | { readonly stop: string };

export const stopAt = (reason: string): MappedOp => ({ stop: reason });
