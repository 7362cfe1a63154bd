/**
 * Values out of decoded ONNX messages (onnx-proto's protobufjs classes): tensor contents, attributes and int64s.
 * Pure: Uint8Array and DataView only, so it runs in the web extension host too.
 */
import * as l10n from '@vscode/l10n';
import { onnx } from 'onnx-proto';

/** protobufjs gives an int64 as a number, or as a long.js Long when that library is loaded (it is, bundled). */
export type Int64 = number | { toNumber(): number };

export function int64(value: Int64 | null | undefined): number {
  if (value === null || value === undefined) return 0;
  return typeof value === 'number' ? value : value.toNumber();
}

const DataType = onnx.TensorProto.DataType;

/** The name ONNX gives an element type, for messages ("FLOAT16", "INT8"…). */
export function dataTypeName(type: number | null | undefined): string {
  return DataType[type ?? 0] ?? String(type);
}

/** IEEE half (FLOAT16) bits → number. */
function halfToNumber(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exponent = (bits >> 10) & 0x1f;
  const fraction = bits & 0x3ff;
  if (exponent === 0) return sign * fraction * 2 ** -24;
  if (exponent === 0x1f) return fraction ? NaN : sign * Infinity;
  return sign * (1 + fraction / 1024) * 2 ** (exponent - 15);
}

/** bfloat16 bits → number: the top half of a float32. */
function bfloat16ToNumber(bits: number): number {
  const view = new DataView(new ArrayBuffer(4));
  view.setUint32(0, (bits & 0xffff) << 16);
  return view.getFloat32(0);
}

export type TensorValues =
  | { readonly ok: true; readonly values: Float64Array; readonly float32: boolean }
  | { readonly ok: false; readonly reason: string };

/** The tensor's element count from its dims. */
export function tensorSize(tensor: onnx.ITensorProto): number {
  return (tensor.dims ?? []).reduce<number>((n, d) => n * int64(d), 1);
}

/**
 * Every value of a tensor as float64, row-major, read from raw_data (little-endian, as ONNX stores it) or the typed
 * repeated fields. `float32` says the values are float32 numbers (so a short decimal can stand for each).
 */
export function tensorValues(tensor: onnx.ITensorProto): TensorValues {
  const count = tensorSize(tensor);
  const type = tensor.dataType ?? 0;
  if (tensor.dataLocation === onnx.TensorProto.DataLocation.EXTERNAL)
    return { ok: false, reason: l10n.t('its values are in an external data file') };
  const raw = tensor.rawData && tensor.rawData.length > 0 ? tensor.rawData : undefined;
  const out = new Float64Array(count);
  const fail = (): TensorValues => ({
    ok: false,
    reason: l10n.t('it holds {0} {1} values where its dims need {2}', storedCount(), dataTypeName(type), count),
  });
  const width: Partial<Record<number, number>> = {
    [DataType.FLOAT]: 4,
    [DataType.DOUBLE]: 8,
    [DataType.FLOAT16]: 2,
    [DataType.BFLOAT16]: 2,
    [DataType.INT64]: 8,
    [DataType.INT32]: 4,
    [DataType.INT16]: 2,
    [DataType.UINT16]: 2,
    [DataType.INT8]: 1,
    [DataType.UINT8]: 1,
    [DataType.BOOL]: 1,
  };
  function storedCount(): number {
    if (raw) return raw.length / (width[type] ?? 1);
    return (
      tensor.floatData?.length ||
      tensor.doubleData?.length ||
      tensor.int64Data?.length ||
      tensor.int32Data?.length ||
      tensor.uint64Data?.length ||
      0
    );
  }
  if (width[type] === undefined)
    return { ok: false, reason: l10n.t('tconv does not read {0} tensors', dataTypeName(type)) };
  if (raw) {
    if (raw.length !== count * (width[type] ?? 0)) return fail();
    const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
    for (let i = 0; i < count; i++) {
      switch (type) {
        case DataType.FLOAT:
          out[i] = view.getFloat32(4 * i, true);
          break;
        case DataType.DOUBLE:
          out[i] = view.getFloat64(8 * i, true);
          break;
        case DataType.FLOAT16:
          out[i] = halfToNumber(view.getUint16(2 * i, true));
          break;
        case DataType.BFLOAT16:
          out[i] = bfloat16ToNumber(view.getUint16(2 * i, true));
          break;
        case DataType.INT64:
          out[i] = Number(view.getBigInt64(8 * i, true));
          break;
        case DataType.INT32:
          out[i] = view.getInt32(4 * i, true);
          break;
        case DataType.INT16:
          out[i] = view.getInt16(2 * i, true);
          break;
        case DataType.UINT16:
          out[i] = view.getUint16(2 * i, true);
          break;
        case DataType.INT8:
          out[i] = view.getInt8(i);
          break;
        default:
          out[i] = view.getUint8(i);
      }
    }
  } else {
    // The typed fields: float_data (FLOAT), double_data, int64_data, and int32_data for every narrower type
    // (FLOAT16 and BFLOAT16 as their bits).
    const source: readonly Int64[] =
      type === DataType.FLOAT
        ? (tensor.floatData ?? [])
        : type === DataType.DOUBLE
          ? (tensor.doubleData ?? [])
          : type === DataType.INT64
            ? (tensor.int64Data ?? [])
            : (tensor.int32Data ?? []);
    if (source.length !== count) return fail();
    for (let i = 0; i < count; i++) {
      const v = int64(source[i]);
      out[i] = type === DataType.FLOAT16 ? halfToNumber(v) : type === DataType.BFLOAT16 ? bfloat16ToNumber(v) : v;
    }
  }
  const float32 = type === DataType.FLOAT || type === DataType.FLOAT16 || type === DataType.BFLOAT16;
  return { ok: true, values: out, float32 };
}

/** A node's attributes by name. */
export class Attributes {
  private readonly byName = new Map<string, onnx.IAttributeProto>();

  constructor(node: onnx.INodeProto) {
    for (const a of node.attribute ?? []) if (a.name) this.byName.set(a.name, a);
  }

  has(name: string): boolean {
    return this.byName.has(name);
  }

  names(): string[] {
    return [...this.byName.keys()];
  }

  int(name: string, fallback: number): number {
    const a = this.byName.get(name);
    return a ? int64(a.i) : fallback;
  }

  ints(name: string): number[] | undefined {
    const a = this.byName.get(name);
    return a ? (a.ints ?? []).map(int64) : undefined;
  }

  floats(name: string): number[] | undefined {
    const a = this.byName.get(name);
    return a ? [...(a.floats ?? [])] : undefined;
  }

  float(name: string, fallback: number): number {
    const a = this.byName.get(name);
    return a ? (a.f ?? fallback) : fallback;
  }

  string(name: string, fallback: string): string {
    const a = this.byName.get(name);
    return a?.s ? new TextDecoder().decode(a.s) : fallback;
  }

  tensor(name: string): onnx.ITensorProto | undefined {
    return this.byName.get(name)?.t ?? undefined;
  }
}
