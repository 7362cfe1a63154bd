/**
 * Random specs, valid and invalid. A tame spec is built to be valid (channels, groups, sizes and paddings
 * worked out layer by layer), so it reaches evaluation, verification and hovers. A wild spec is a tame one
 * vandalised at a random rate: values replaced by 0, negatives, 1e9, 2^53, fractions, tokens that are not
 * JSON (NaN, Infinity, 0x10), strings where numbers go, entries dropped or duplicated, unknown keys, deep
 * nesting, very long or right-to-left strings. Comments and trailing commas come from the renderer.
 */
import fc from 'fast-check';
import { arr, key, num, obj, raw, render, str, type Doc, type RenderStyle } from './doc';

type Entry = readonly [string, Doc];

/** Number-ish tokens that break assumptions: each is a valid or an invalid JSON token. */
export const WILD_NUMBER_TOKENS = [
  '0',
  '-0',
  '-1',
  '-7',
  '1.5',
  '0.5',
  '2.0',
  '1E2',
  '1e-300',
  '1e9',
  '1000000000',
  '4294967296',
  '9007199254740992',
  '9007199254740993',
  '1e21',
  '1e300',
  '1.7976931348623157e308',
  '1e400',
  '-1e400',
  'NaN',
  'Infinity',
  '-Infinity',
  'undefined',
  '0x10',
  '+1',
  '.5',
  '01',
  '1.',
  '-',
  '1e',
  '"3"',
  '"two"',
  '""',
  'null',
  'true',
  'false',
  '[]',
  '{}',
  '[2, 2]',
  '[[1]]',
];

/** Strings that are awkward to display or measure. */
export const AWKWARD_STRINGS = [
  '',
  ' ',
  'a\u0000b',
  '\u202Eright-to-left\u202C',
  'שכבה עליונה',
  'طبقة',
  '🎛️👩‍🔬',
  'e\u0301\u0301\u0301',
  '\uFEFFbom',
  '\uD800',
  '\uDC00lone',
  'line\nbreak',
  'tab\tchar',
  '"quoted"',
  '\\',
  '</script>',
  '${x}',
  '%s%n',
  '__proto__',
  'constructor',
];

const UNKNOWN_KEYS = [
  'strid',
  'layerz',
  'Input',
  'kernel_size',
  '',
  ' ',
  '$schema2',
  '__proto__',
  'constructor',
  '\u202Einput',
  'shape',
  'data',
  'init',
];
const KNOWN_VALUES = [
  '"conv"',
  '"convTranspose"',
  '"all"',
  '"zeros"',
  '"random"',
  '"float32"',
  '"fill"',
  '["cost"]',
  '["nope"]',
  '["cost", "cost"]',
  '1',
  '2',
  '3',
];
const VERIFY = ['scatter', 'matrix', 'transpose', 'roundTrip', 'adjoint', 'gradient', 'reconstruction', 'cost'];

/** Structural choices of one layer, as raw random numbers; buildSpec turns them into valid values. */
const layerChoices = fc.record({
  conv: fc.integer({ min: 0, max: 4 }),
  groups: fc.nat(),
  outPerGroup: fc.integer({ min: 1, max: 2 }),
  kernel: fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 2, maxLength: 2 }),
  stride: fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 2, maxLength: 2 }),
  padding: fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 2, maxLength: 2 }),
  dilation: fc.array(fc.integer({ min: 1, max: 2 }), { minLength: 2, maxLength: 2 }),
  outputPadding: fc.array(fc.nat(), { minLength: 2, maxLength: 2 }),
  /** Which fields are written (bits). */
  written: fc.nat({ max: 0xffff }),
  /** 0: kernelSize only, 1: kernel shape, 2: kernel data, 3: kernel init, 4: spatial shorthand. */
  kernelForm: fc.integer({ min: 0, max: 4 }),
  init: fc.constantFrom('zeros', 'ones', 'arange', 'random', 'randn', 'fill'),
  /** 0: none, 1: true, 2: data, 3: init. */
  biasForm: fc.integer({ min: 0, max: 3 }),
  /** 0: none, 1: outputShape, 2: outputSize, 3: both. */
  expectForm: fc.integer({ min: 0, max: 3 }),
  name: fc.option(fc.constantFrom('up1', 'decoder', 'to RGB', 'שכבה', '🎛'), { nil: undefined }),
});

const specChoices = fc.record({
  dims: fc.constantFrom(1, 2, 2),
  batch: fc.integer({ min: 1, max: 2 }),
  channels: fc.integer({ min: 1, max: 3 }),
  spatial: fc.array(fc.integer({ min: 1, max: 6 }), { minLength: 2, maxLength: 2 }),
  /** Rank written for the input: dims (N = C = 1 needed), dims + 1 or dims + 2. */
  inputRank: fc.integer({ min: 0, max: 2 }),
  inputData: fc.boolean(),
  inputInit: fc.constantFrom('zeros', 'ones', 'arange', 'random', 'randn', 'fill'),
  values: fc.array(
    fc.oneof(fc.integer({ min: -3, max: 9 }), fc.double({ min: -10, max: 10, noNaN: true, noDefaultInfinity: true })),
    { minLength: 64, maxLength: 64 },
  ),
  layers: fc.array(layerChoices, { minLength: 1, maxLength: 3 }),
  layerForm: fc.boolean(),
  forward: fc.integer({ min: 0, max: 5 }),
  dtype: fc.constantFrom(undefined, 'float64', 'float32'),
  verify: fc.option(fc.oneof(fc.constant('all' as const), fc.subarray(VERIFY, { minLength: 1 })), { nil: undefined }),
  expectRoot: fc.integer({ min: 0, max: 3 }),
  writeDims: fc.boolean(),
  schema: fc.boolean(),
});

type SpecChoices = typeof specChoices extends fc.Arbitrary<infer T> ? T : never;
type LayerChoices = typeof layerChoices extends fc.Arbitrary<infer T> ? T : never;

const bit = (mask: number, i: number) => ((mask >> i) & 1) === 1;

function nested(shape: readonly number[], values: readonly number[]): Doc {
  let at = 0;
  const build = (depth: number): Doc =>
    depth === shape.length
      ? num(values[at++ % values.length] || 0)
      : arr(Array.from({ length: shape[depth] }, () => build(depth + 1)));
  return build(0);
}

/** A per-dimension value as written: a scalar when all agree (sometimes), else a list. */
function perDim(values: readonly number[], scalar: boolean): Doc {
  return scalar && values.every((v) => v === values[0]) ? num(values[0]) : arr(values.map(num));
}

const numel = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);

function transposedSize(i: number, k: number, s: number, p: number, d: number, op: number): number {
  return (i - 1) * s - 2 * p + d * (k - 1) + op + 1;
}

function convSize(i: number, k: number, s: number, p: number, d: number): number {
  return Math.floor((i + 2 * p - d * (k - 1) - 1) / s) + 1;
}

interface Built {
  readonly layer: Doc;
  readonly outChannels: number;
  readonly outSpatial: number[];
}

/** One layer that PyTorch accepts for an input of `channels` × `spatial`. */
function buildLayer(
  c: LayerChoices,
  dims: number,
  channels: number,
  spatial: readonly number[],
  values: readonly number[],
  batch: number,
): Built {
  const conv = c.conv === 0;
  const divisors = Array.from({ length: channels }, (_, i) => i + 1).filter((g) => channels % g === 0);
  const groups = divisors[c.groups % divisors.length];
  const outChannels = groups * c.outPerGroup;
  const k = c.kernel.slice(0, dims);
  const s = c.stride.slice(0, dims);
  const d = c.dilation.slice(0, dims);
  const p = c.padding.slice(0, dims);
  const op = c.outputPadding.slice(0, dims).map((x, i) => (conv ? 0 : x % Math.max(s[i], d[i])));
  const out: number[] = [];
  for (let i = 0; i < dims; i++) {
    if (conv) {
      // Shrink kernel and dilation until the kernel fits the padded input.
      while (k[i] > 1 && spatial[i] + 2 * p[i] < d[i] * (k[i] - 1) + 1) k[i]--;
      if (spatial[i] + 2 * p[i] < d[i] * (k[i] - 1) + 1) d[i] = 1;
      out.push(convSize(spatial[i], k[i], s[i], p[i], d[i]));
    } else {
      while (p[i] > 0 && transposedSize(spatial[i], k[i], s[i], p[i], d[i], op[i]) <= 0) p[i]--;
      out.push(transposedSize(spatial[i], k[i], s[i], p[i], d[i], op[i]));
    }
  }
  const w = c.written;
  const scalar = bit(w, 15);
  const entries: Entry[] = [];
  if (c.name !== undefined) entries.push([key('name'), str(c.name)]);
  if (conv || bit(w, 0)) entries.push([key('type'), str(conv ? 'conv' : 'convTranspose')]);
  if (bit(w, 1) && bit(w, 2)) entries.push([key('inChannels'), num(channels)]);
  const weightShape = conv ? [outChannels, channels / groups, ...k] : [channels, outChannels / groups, ...k];
  // The spatial shorthand means one channel in (per group for conv) and one out per group.
  const shorthand =
    c.kernelForm === 4 && (conv ? channels === groups && outChannels === 1 : channels === 1 && outChannels === groups);
  const kernelForm =
    c.kernelForm === 4 && !shorthand ? 1 : c.kernelForm === 2 && numel(weightShape) > 64 ? 1 : c.kernelForm;
  if (kernelForm === 0 || kernelForm === 3 || bit(w, 3)) entries.push([key('kernelSize'), perDim(k, scalar)]);
  if (bit(w, 4) || kernelForm === 0 || kernelForm === 3 || shorthand)
    entries.push([key('outChannels'), num(outChannels)]);
  if (bit(w, 5) || s.some((x) => x !== 1)) entries.push([key('stride'), perDim(s, scalar)]);
  if (bit(w, 6) || p.some((x) => x !== 0)) entries.push([key('padding'), perDim(p, scalar)]);
  if (!conv && (bit(w, 7) || op.some((x) => x !== 0))) entries.push([key('outputPadding'), perDim(op, scalar)]);
  if (bit(w, 8) || d.some((x) => x !== 1)) entries.push([key('dilation'), perDim(d, scalar)]);
  if (bit(w, 9) || groups !== 1) entries.push([key('groups'), num(groups)]);
  if (kernelForm === 1)
    entries.push([
      key('kernel'),
      obj([[key('shape'), arr(weightShape.map(num))], ...(bit(w, 10) ? [[key('init'), str(c.init)] as const] : [])]),
    ]);
  if (kernelForm === 2) entries.push([key('kernel'), obj([[key('data'), nested(weightShape, values)]])]);
  if (kernelForm === 3)
    entries.push([
      key('kernel'),
      obj([[key('init'), str(c.init)], ...(c.init === 'fill' ? [[key('value'), num(2)] as const] : [])]),
    ]);
  if (shorthand) entries.push([key('kernel'), obj([[key('shape'), arr(k.map(num))]])]);
  if (c.biasForm === 1) entries.push([key('bias'), raw('true')]);
  if (c.biasForm === 2)
    entries.push([
      key('bias'),
      obj([[key('data'), arr(Array.from({ length: outChannels }, (_, i) => num(values[i] ?? 1)))]]),
    ]);
  if (c.biasForm === 3) entries.push([key('bias'), obj([[key('init'), str(c.init)]])]);
  const expect: Entry[] = [];
  if (c.expectForm & 1) expect.push([key('outputShape'), arr([batch, outChannels, ...out].map(num))]);
  if (c.expectForm & 2) expect.push([key('outputSize'), perDim(out, scalar)]);
  if (expect.length > 0) entries.push([key('expect'), obj(expect)]);
  return { layer: obj(entries), outChannels, outSpatial: out };
}

/** A valid spec (by construction) as a document. */
export function buildSpec(c: SpecChoices): Doc {
  const dims = c.dims;
  const batch = c.inputRank === 2 ? c.batch : 1;
  const channels = c.inputRank >= 1 ? c.channels : 1;
  let spatial = c.spatial.slice(0, dims);
  const written = [...(c.inputRank === 2 ? [batch] : []), ...(c.inputRank >= 1 ? [channels] : []), ...spatial];
  const entries: Entry[] = [];
  if (c.schema) entries.push([key('$schema'), str('../schemas/tconv.schema.json')]);
  if (dims === 1 || c.writeDims) entries.push([key('dims'), num(dims)]);
  if (c.dtype) entries.push([key('dtype'), str(c.dtype)]);
  const input = c.inputData
    ? obj([
        [key('data'), nested(written, c.values)],
        ...(c.inputRank > 0 && c.batch === 2 ? [[key('shape'), arr(written.map(num))] as const] : []),
      ])
    : obj([
        [key('shape'), arr(written.map(num))],
        [key('init'), str(c.inputInit)],
      ]);
  entries.push([key('input'), input]);

  // A paired forward convolution: a single transposed layer that undoes it, with Dumoulin & Visin's a.
  if (c.forward === 0) {
    const l = c.layers[0];
    const k = l.kernel.slice(0, dims);
    const s = l.stride.slice(0, dims);
    const p = l.padding.slice(0, dims);
    const d = l.dilation.slice(0, dims);
    for (let i = 0; i < dims; i++) {
      while (k[i] > 1 && spatial[i] + 2 * p[i] < d[i] * (k[i] - 1) + 1) k[i]--;
      if (spatial[i] + 2 * p[i] < d[i] * (k[i] - 1) + 1) d[i] = 1;
    }
    const a = spatial.map((x, i) => (((x + 2 * p[i] - d[i] * (k[i] - 1) - 1) % s[i]) + s[i]) % s[i]);
    entries.push([key('forward'), obj(l.outPerGroup === 2 ? [[key('outChannels'), num(2)]] : [])]);
    const layer = obj([
      [key('kernelSize'), perDim(k, false)],
      [key('stride'), perDim(s, true)],
      [key('padding'), perDim(p, true)],
      [key('dilation'), perDim(d, true)],
      [key('outputPadding'), perDim(a, true)],
      [key('outChannels'), num(channels)],
    ]);
    entries.push(c.layerForm ? [key('layer'), layer] : [key('layers'), arr([layer])]);
    if (c.expectRoot & 1) entries.push([key('expect'), obj([[key('outputShape'), arr(written.map(num))]])]);
    if (c.verify) entries.push([key('verify'), c.verify === 'all' ? str('all') : arr(c.verify.map(str))]);
    return obj(entries);
  }

  const layers: Doc[] = [];
  let ch = channels;
  for (const l of c.layerForm ? c.layers.slice(0, 1) : c.layers) {
    const built = buildLayer(l, dims, ch, spatial, c.values, batch);
    layers.push(built.layer);
    ch = built.outChannels;
    spatial = built.outSpatial;
  }
  entries.push(c.layerForm ? [key('layer'), layers[0]] : [key('layers'), arr(layers)]);
  if (c.expectRoot & 1)
    entries.push([key('expect'), obj([[key('outputShape'), arr([batch, ch, ...spatial].map(num))]])]);
  if (c.verify) entries.push([key('verify'), c.verify === 'all' ? str('all') : arr(c.verify.map(str))]);
  return obj(entries);
}

function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Replaces, drops, duplicates and adds entries at `rate`, from a seeded generator. */
export function vandalize(doc: Doc, rate: number, seed: number): Doc {
  const next = rng(seed);
  const choose = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)];
  const wrong = (): Doc => {
    const r = next();
    if (r < 0.55) return raw(choose(WILD_NUMBER_TOKENS));
    if (r < 0.75) return str(choose(AWKWARD_STRINGS));
    if (r < 0.85) return raw(choose(KNOWN_VALUES));
    if (r < 0.93) {
      // Nested deeper than any spec needs.
      let v: Doc = num(1);
      const depth = 5 + Math.floor(next() * (next() < 0.1 ? 3000 : 200));
      for (let i = 0; i < depth; i++) v = arr([v]);
      return v;
    }
    if (r < 0.97) return str('ש\u202E🎛x'.repeat(next() < 0.5 ? 250 : 25_000));
    return obj([[key(choose(UNKNOWN_KEYS)), raw(choose(WILD_NUMBER_TOKENS))]]);
  };
  const visit = (d: Doc): Doc => {
    if (next() < rate / 2) return wrong();
    if (d.t === 'raw') return next() < rate ? wrong() : d;
    if (d.t === 'arr') {
      let items = d.items.map(visit);
      if (next() < rate / 2 && items.length > 0) items = next() < 0.5 ? items.slice(0, -1) : [...items, items[0]];
      return arr(items);
    }
    const entries: Entry[] = [];
    for (const [k, v] of d.entries) {
      const r = next();
      if (r < rate / 3) continue;
      entries.push([k, visit(v)]);
      if (r > 1 - rate / 4) entries.push([k, visit(v)]);
    }
    if (next() < rate)
      entries.splice(Math.floor(next() * (entries.length + 1)), 0, [key(choose(UNKNOWN_KEYS)), wrong()]);
    return obj(entries);
  };
  return visit(doc);
}

export interface SpecCase {
  readonly text: string;
  /** 0 for a tame (valid by construction) spec. */
  readonly rate: number;
}

const style: fc.Arbitrary<RenderStyle> = fc.record({
  indent: fc.constantFrom(0, 2),
  eol: fc.constantFrom('\n' as const, '\r\n' as const),
  comments: fc.constantFrom(0, 0, 0.2),
  trailingCommas: fc.constantFrom(0, 0, 0.3),
  seed: fc.nat(),
});

/** A whole spec as text, tame (rate 0) or vandalised, rendered in a random style. */
export function specArbitrary(): fc.Arbitrary<SpecCase> {
  return fc
    .tuple(specChoices, fc.constantFrom(0, 0, 0.02, 0.05, 0.15, 0.4), fc.nat(), style)
    .map(([choices, rate, seed, renderStyle]) => {
      const doc = buildSpec(choices);
      return { text: render(rate > 0 ? vandalize(doc, rate, seed) : doc, renderStyle), rate };
    });
}
