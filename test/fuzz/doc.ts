/**
 * A JSON-like document as the fuzzer builds it: unlike a JS value it can hold duplicated keys, tokens that
 * are not JSON (NaN, Infinity, 0x10, single quotes) and raw text, and it renders with comments, trailing
 * commas and assorted whitespace so the parser sees what people actually type.
 */

export type Doc =
  | { readonly t: 'obj'; readonly entries: readonly (readonly [key: string, value: Doc])[] }
  | { readonly t: 'arr'; readonly items: readonly Doc[] }
  /** Written verbatim: a number, a string with its quotes, true, or any non-JSON token. */
  | { readonly t: 'raw'; readonly text: string };

export const obj = (entries: readonly (readonly [string, Doc])[]): Doc => ({ t: 'obj', entries });
export const arr = (items: readonly Doc[]): Doc => ({ t: 'arr', items });
export const raw = (text: string): Doc => ({ t: 'raw', text });
export const num = (n: number): Doc => raw(String(n));
export const str = (s: string): Doc => raw(JSON.stringify(s));

/** Plain JSON values as a Doc (arrays of arrays of numbers, objects, strings...). */
export function fromValue(value: unknown): Doc {
  if (Array.isArray(value)) return arr(value.map(fromValue));
  if (value !== null && typeof value === 'object')
    return obj(Object.entries(value).map(([k, v]) => [k, fromValue(v)] as const));
  return raw(JSON.stringify(value) ?? 'null');
}

export interface RenderStyle {
  /** 0: everything on one line. */
  readonly indent: number;
  readonly eol: '\n' | '\r\n';
  /** Chance (0..1) of a comment before an entry. */
  readonly comments: number;
  /** Chance of a trailing comma after the last entry of an object or array. */
  readonly trailingCommas: number;
  /** Seed of the renderer's own choices (which entry gets a comment...), from the case's seed. */
  readonly seed: number;
}

export const PLAIN_STYLE: RenderStyle = { indent: 2, eol: '\n', comments: 0, trailingCommas: 0, seed: 0 };

const COMMENTS = ['// a note', '/* inline */', '/* multi\n line */', '// ünïcödé ‮RTL‬ 🎛', '/**/'];

function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Renders iteratively, so a Doc nested tens of thousands deep renders without a stack overflow. */
export function render(doc: Doc, style: RenderStyle = PLAIN_STYLE): string {
  const next = rng(style.seed);
  const out: string[] = [];
  type Frame = { doc: Doc; depth: number } | { close: string; depth: number; trailing: boolean } | { text: string };
  const stack: Frame[] = [{ doc, depth: 0 }];
  const newline = (depth: number) =>
    style.indent > 0 ? style.eol + ' '.repeat(Math.min(depth * style.indent, 200)) : '';
  const comment = (depth: number) => {
    if (style.comments <= 0 || next() >= style.comments) return '';
    const text = COMMENTS[Math.floor(next() * COMMENTS.length)];
    // A line comment needs a line end after it, even in one-line rendering.
    return text.startsWith('//') ? `${text}${style.eol}${newline(depth).replace(/^\r?\n/, '')}` : `${text} `;
  };
  while (stack.length > 0) {
    const frame = stack.pop()!;
    if ('text' in frame) {
      out.push(frame.text);
      continue;
    }
    if ('close' in frame) {
      out.push(`${frame.trailing ? ',' : ''}${newline(frame.depth)}${frame.close}`);
      continue;
    }
    const { doc: d, depth } = frame;
    if (d.t === 'raw') {
      out.push(d.text);
      continue;
    }
    const children = d.t === 'obj' ? d.entries : d.items;
    out.push(d.t === 'obj' ? '{' : '[');
    if (children.length === 0) {
      out.push(d.t === 'obj' ? '}' : ']');
      continue;
    }
    const trailing = style.trailingCommas > 0 && next() < style.trailingCommas;
    stack.push({ close: d.t === 'obj' ? '}' : ']', depth, trailing });
    // Children are pushed in reverse so they pop in order.
    for (let i = children.length - 1; i >= 0; i--) {
      const child = children[i];
      const value = d.t === 'obj' ? (child as readonly [string, Doc])[1] : (child as Doc);
      stack.push({ doc: value, depth: depth + 1 });
      const prefix = `${i > 0 ? ',' : ''}${newline(depth + 1)}${comment(depth + 1)}`;
      stack.push({ text: d.t === 'obj' ? `${prefix}${(child as readonly [string, Doc])[0]}: ` : prefix });
    }
  }
  return out.join('');
}

/** A key as written: normally a JSON string. */
export const key = (name: string): string => JSON.stringify(name);
