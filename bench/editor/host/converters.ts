/**
 * What the client does with the server's answers before VS Code sees them, and with diagnostics it sends back:
 * vscode-languageclient's protocol converters (protocolConverter.ts: asDiagnostics, asHover, asCodeLenses,
 * asCodeActionResult; codeConverter.ts: asDiagnostics for a code action's context) build `vscode` objects, which
 * cannot load outside VS Code. Plain classes with the same work take their place: a URI parsed per URI string,
 * positions validated, ranges ordered, one object per diagnostic, hover part, lens, action and edit. The real
 * client converts long lists in slices of about 15 ms (async.map); these convert in one go, so a long list
 * counts here as one block, an upper bound.
 */
import type {
  CodeAction,
  CodeLens,
  Command,
  Diagnostic,
  DiagnosticRelatedInformation,
  Hover,
  MarkedString,
  MarkupContent,
  Range as LspRange,
  TextEdit,
} from 'vscode-languageserver-protocol';

/** vscode-uri's URI.parse: the RFC 3986 split, the path percent-decoded. */
class Uri {
  private static readonly PARTS = /^(([^:/?#]+?):)?(\/\/([^/?#]*))?([^?#]*)(\?([^#]*))?(#(.*))?/;
  readonly scheme: string;
  readonly authority: string;
  readonly path: string;
  readonly query: string;
  readonly fragment: string;

  constructor(value: string) {
    const m = Uri.PARTS.exec(value) ?? [];
    this.scheme = m[2] ?? 'file';
    this.authority = decodeURIComponent(m[4] ?? '');
    this.path = decodeURIComponent(m[5] ?? '');
    this.query = decodeURIComponent(m[7] ?? '');
    this.fragment = decodeURIComponent(m[9] ?? '');
  }

  toString(): string {
    return `${this.scheme}://${this.authority}${encodeURI(this.path)}${this.query ? `?${this.query}` : ''}${this.fragment ? `#${this.fragment}` : ''}`;
  }
}

class Position {
  constructor(
    readonly line: number,
    readonly character: number,
  ) {
    if (line < 0 || character < 0) throw new Error('illegal position');
  }

  isBefore(other: Position): boolean {
    return this.line < other.line || (this.line === other.line && this.character < other.character);
  }
}

class Range {
  readonly start: Position;
  readonly end: Position;

  constructor(a: Position, b: Position) {
    [this.start, this.end] = b.isBefore(a) ? [b, a] : [a, b];
  }
}

const SEVERITY = [undefined, 0, 1, 2, 3] as const;

export const asUri = (value: string) => new Uri(value);
const asRange = (r: LspRange) =>
  new Range(new Position(r.start.line, r.start.character), new Position(r.end.line, r.end.character));

export type ClientDiagnostic = ReturnType<typeof asDiagnostic>;

function asDiagnostic(d: Diagnostic) {
  return {
    range: asRange(d.range),
    message: d.message,
    severity: SEVERITY[d.severity ?? 1] ?? 0,
    source: d.source,
    code: d.codeDescription ? { value: d.code, target: asUri(d.codeDescription.href) } : d.code,
    relatedInformation: d.relatedInformation?.map((r: DiagnosticRelatedInformation) => ({
      location: { uri: asUri(r.location.uri), range: asRange(r.location.range) },
      message: r.message,
    })),
    tags: d.tags?.slice(),
    data: d.data,
  };
}

export const asDiagnostics = (ds: readonly Diagnostic[]) => ds.map(asDiagnostic);

/** codeConverter.asDiagnostics: what a code action request carries back in its context. */
export function toProtocolDiagnostics(ds: readonly ClientDiagnostic[]): Diagnostic[] {
  return ds.map((d) => ({
    range: {
      start: { line: d.range.start.line, character: d.range.start.character },
      end: { line: d.range.end.line, character: d.range.end.character },
    },
    message: d.message,
    severity: (d.severity + 1) as Diagnostic['severity'],
    source: d.source,
    ...(typeof d.code === 'object' && d.code
      ? { code: d.code.value, codeDescription: { href: d.code.target.toString() } }
      : { code: d.code }),
    ...(d.relatedInformation
      ? {
          relatedInformation: d.relatedInformation.map((r) => ({
            location: { uri: r.location.uri.toString(), range: r.location.range },
            message: r.message,
          })),
        }
      : {}),
    data: d.data,
  }));
}

const asMarkdown = (part: MarkupContent | MarkedString) => ({
  value: typeof part === 'string' ? part : part.value,
  isTrusted: false,
  supportThemeIcons: false,
  supportHtml: false,
});

export function asHover(h: Hover | null) {
  if (!h) return undefined;
  return {
    contents: (Array.isArray(h.contents) ? h.contents : [h.contents]).map(asMarkdown),
    range: h.range && asRange(h.range),
  };
}

const asCommand = (c: Command) => ({
  title: c.title,
  command: c.command,
  tooltip: c.tooltip,
  arguments: c.arguments?.slice(),
});

export const asCodeLenses = (lenses: readonly CodeLens[] | null) =>
  (lenses ?? []).map((l) => ({
    range: asRange(l.range),
    command: l.command && asCommand(l.command),
    isResolved: true,
  }));

export function asCodeActions(actions: readonly (CodeAction | Command)[] | null) {
  return (actions ?? []).map((a) => {
    if (typeof a.command === 'string') return { command: asCommand(a as Command) };
    const action = a as CodeAction;
    const edit = new Map<string, { range: Range; newText: string }[]>();
    for (const [uri, edits] of Object.entries(action.edit?.changes ?? {}))
      edit.set(
        asUri(uri).toString(),
        edits.map((e: TextEdit) => ({ range: asRange(e.range), newText: e.newText })),
      );
    return {
      title: action.title,
      kind: action.kind,
      diagnostics: action.diagnostics && asDiagnostics(action.diagnostics),
      edit,
      isPreferred: action.isPreferred,
    };
  });
}
