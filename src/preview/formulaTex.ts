/**
 * An output-size formula and its numbers (the engine's Unicode text, e.g. "H_out = (H_in − 1)·stride − …" and
 * "(2 − 1)·2 − … = 4") as KaTeX source: two lines aligned at "=", the field names shortened to the letters a
 * paper uses (s, p, d, k, op) with the abbreviations listed, and the result in bold. Pure: no KaTeX here, the
 * webview typesets the source (and shows the Unicode text when KaTeX refuses it).
 */
import type { FormulaTexPayload } from '../webviewProtocol';

/** Field name → its letter and that letter in LaTeX. */
const ABBREVIATIONS: ReadonlyMap<string, { symbol: string; tex: string }> = new Map([
  ['stride', { symbol: 's', tex: 's' }],
  ['padding', { symbol: 'p', tex: 'p' }],
  ['dilation', { symbol: 'd', tex: 'd' }],
  ['kernel', { symbol: 'k', tex: 'k' }],
  ['output_padding', { symbol: 'op', tex: '\\mathit{op}' }],
]);

const OPERATORS: Readonly<Record<string, string>> = {
  '−': '-',
  '-': '-',
  '+': '+',
  '/': '/',
  '=': '=',
  '(': '(',
  ')': ')',
  '[': '[',
  ']': ']',
  ',': ',\\,',
  '×': '\\times ',
  '⌊': '\\lfloor ',
  '⌋': '\\rfloor ',
  '⌈': '\\lceil ',
  '⌉': '\\rceil ',
};

type Token =
  | { readonly kind: 'number'; readonly text: string }
  | { readonly kind: 'name'; readonly text: string }
  | { readonly kind: 'dot' }
  | { readonly kind: 'other'; readonly text: string };

const TOKEN = /\s+|(\d+(?:\.\d+)?(?:e[+-]?\d+)?)|([A-Za-z_][A-Za-z0-9_]*)|(·)|(.)/gsu;

function tokens(text: string): Token[] {
  const out: Token[] = [];
  for (const m of text.matchAll(TOKEN)) {
    if (m[1] !== undefined) out.push({ kind: 'number', text: m[1] });
    else if (m[2] !== undefined) out.push({ kind: 'name', text: m[2] });
    else if (m[3] !== undefined) out.push({ kind: 'dot' });
    else if (m[4] !== undefined) out.push({ kind: 'other', text: m[4] });
  }
  return out;
}

const TEXT_ESCAPES: Readonly<Record<string, string>> = {
  '\\': '\\textbackslash{}',
  '{': '\\{',
  '}': '\\}',
  $: '\\$',
  '&': '\\&',
  '#': '\\#',
  '^': '\\textasciicircum{}',
  _: '\\_',
  '%': '\\%',
  '~': '\\textasciitilde{}',
};

/** Any text inside \text{…}, its special characters escaped. */
function textTex(text: string): string {
  return `\\text{${text.replace(/[\\{}$&#^_%~]/g, (c) => TEXT_ESCAPES[c])}}`;
}

const AXIS_SIZE = /^([A-Z])_(in|out)$/;

/** The identifiers the abbreviations may use: a letter already standing for something else keeps its field's name long. */
function usableAbbreviations(names: ReadonlySet<string>): Map<string, { symbol: string; tex: string }> {
  const usable = new Map<string, { symbol: string; tex: string }>();
  for (const [field, short] of ABBREVIATIONS) if (!names.has(short.symbol)) usable.set(field, short);
  return usable;
}

function nameTex(name: string, short: Map<string, { symbol: string; tex: string }>, used: Set<string>): string {
  const axis = AXIS_SIZE.exec(name);
  if (axis) return `${axis[1]}_{\\text{${axis[2]}}}`;
  const abbreviation = short.get(name);
  if (abbreviation) {
    used.add(name);
    return abbreviation.tex;
  }
  if (name === 'max' || name === 'min') return `\\${name}`;
  return name.length === 1 ? name : textTex(name);
}

/** One side of an equation in LaTeX; a number times a name is written side by side ("2p"), anything else with a dot. */
function expressionTex(text: string, short: Map<string, { symbol: string; tex: string }>, used: Set<string>): string {
  const list = tokens(text);
  return list
    .map((token, i) => {
      switch (token.kind) {
        case 'number':
          return token.text;
        case 'name':
          return nameTex(token.text, short, used);
        case 'dot': {
          const before = list[i - 1];
          const after = list[i + 1];
          const juxtapose =
            before?.kind === 'number' && after?.kind === 'name' && !AXIS_SIZE.test(after.text) && after.text !== 'max';
          return juxtapose ? '' : '\\cdot ';
        }
        case 'other':
          return OPERATORS[token.text] ?? textTex(token.text);
      }
    })
    .join(' ')
    .replace(/ +/g, ' ')
    .trim();
}

/** "… = 4": the last number after the last "=" in bold. */
function withBoldResult(tex: string): string {
  return tex.replace(/= (-?\d+(?:\.\d+)?)$/, (_, n: string) => `= \\mathbf{${n}}`);
}

export function formulaTex(formula: string, substituted: string): FormulaTexPayload {
  const [math, ...rest] = formula.split(/\s{3,}/);
  const remark = rest.join(' ').trim() || null;
  const names = new Set(
    tokens(`${math} ${remark ?? ''}`)
      .filter((t) => t.kind === 'name')
      .map((t) => (t as { text: string }).text),
  );
  const short = usableAbbreviations(names);
  const used = new Set<string>();
  const equals = math.indexOf('=');
  const [lhs, rhs] = equals >= 0 ? [math.slice(0, equals), math.slice(equals + 1)] : ['', math];
  const first =
    equals >= 0
      ? `${expressionTex(lhs, short, used)} &= ${expressionTex(rhs, short, used)}`
      : `& ${expressionTex(rhs, short, used)}`;
  const second = `&= ${withBoldResult(expressionTex(substituted, short, used))}`;
  const abbreviations = [...ABBREVIATIONS.keys()]
    .filter((field) => used.has(field))
    .map((field) => ({ symbol: ABBREVIATIONS.get(field)?.symbol ?? field, field }));
  return { source: `\\begin{aligned}${first} \\\\ ${second}\\end{aligned}`, abbreviations, remark };
}
