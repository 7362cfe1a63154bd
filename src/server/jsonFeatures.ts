/**
 * What VS Code's JSON support gives a JSON file, for specs, from the same library (vscode-json-languageservice)
 * and tconv's schema: completion with the schema's snippets, field documentation on hover, formatting, folding,
 * document symbols and selection ranges. Validation stays with tconv's own checks (validate: false), so every
 * problem is reported once.
 *
 * Documents longer than JSON_FEATURE_MAX_CHARS (a pasted array of numbers) get formatting only: the library builds
 * a syntax node per number, which for a 10 MB paste takes about a second and would hold up the diagnostics.
 */
import {
  getLanguageService,
  type CompletionList,
  type DocumentSymbol,
  type FoldingRange,
  type FormattingOptions,
  type Hover,
  type JSONDocument,
  type Position,
  type Range,
  type SelectionRange,
  type TextEdit,
} from 'vscode-json-languageservice';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import schema from '../../schemas/tconv.schema.json';

export const JSON_FEATURE_MAX_CHARS = 1_000_000;
const SCHEMA_URI = 'tconv://schemas/tconv.schema.json';
const SCHEMA_FILE = 'tconv.schema.json';
// The library resolves a schema's "$ref"s in place, which makes the object it is given cyclic: it gets its own
// copy, never the imported module object (src/specFile reads that one too, and it must stay serialisable).
const SCHEMA_TEXT = JSON.stringify(schema);

/** The library's result, or none when it fails (its tree walks recurse per level of nesting). */
function orEmpty<T>(run: () => T[]): T[] {
  try {
    return run();
  } catch {
    return [];
  }
}

export class JsonFeatures {
  private readonly service = getLanguageService({
    // A spec's own "$schema" (the examples say "../schemas/tconv.schema.json") names tconv's schema wherever the
    // file has been copied to; any other schema is not fetched.
    schemaRequestService: (uri) =>
      uri.endsWith(SCHEMA_FILE)
        ? Promise.resolve(SCHEMA_TEXT)
        : Promise.reject(new Error(`tconv does not load ${uri}`)),
    workspaceContext: { resolveRelativePath: (relative) => (relative.endsWith(SCHEMA_FILE) ? SCHEMA_URI : relative) },
  });
  /** The last document parsed (undefined `document`: the library could not parse it, e.g. nested 50,000 deep). */
  private parsed: { uri: string; version: number; document: JSONDocument | undefined } | undefined;

  constructor() {
    this.service.configure({
      validate: false,
      allowComments: true,
      schemas: [{ uri: SCHEMA_URI, fileMatch: ['*'], schema: JSON.parse(SCHEMA_TEXT) as object }],
    });
  }

  private jsonDocument(document: TextDocument): JSONDocument | undefined {
    if (document.getText().length > JSON_FEATURE_MAX_CHARS) return undefined;
    if (this.parsed?.uri !== document.uri || this.parsed.version !== document.version) {
      this.parsed = { uri: document.uri, version: document.version, document: this.parse(document) };
    }
    return this.parsed.document;
  }

  /** The library's parser recurses per level: text nested deeper than the stack allows gets none of its features. */
  private parse(document: TextDocument): JSONDocument | undefined {
    try {
      return this.service.parseJSONDocument(document);
    } catch {
      return undefined;
    }
  }

  async complete(document: TextDocument, position: Position): Promise<CompletionList | null> {
    const json = this.jsonDocument(document);
    return json ? this.service.doComplete(document, position, json).then(undefined, () => null) : null;
  }

  async hover(document: TextDocument, position: Position): Promise<Hover | null> {
    const json = this.jsonDocument(document);
    return json ? this.service.doHover(document, position, json).then(undefined, () => null) : null;
  }

  /**
   * Formats keeping the author's line breaks: a kernel written [[0, 1], [2, 3]] stays on one line instead of
   * spreading over twelve (the library's default puts every array item on a line of its own).
   */
  format(document: TextDocument, range: Range | undefined, options: FormattingOptions): TextEdit[] {
    return this.service.format(document, range, { keepLines: true, ...options });
  }

  foldingRanges(document: TextDocument): FoldingRange[] {
    return document.getText().length > JSON_FEATURE_MAX_CHARS
      ? []
      : orEmpty(() => this.service.getFoldingRanges(document));
  }

  symbols(document: TextDocument): DocumentSymbol[] {
    const json = this.jsonDocument(document);
    return json ? orEmpty(() => this.service.findDocumentSymbols2(document, json)) : [];
  }

  selectionRanges(document: TextDocument, positions: Position[]): SelectionRange[] {
    const json = this.jsonDocument(document);
    return json ? orEmpty(() => this.service.getSelectionRanges(document, positions, json)) : [];
  }

  forget(uri: string): void {
    if (this.parsed?.uri === uri) this.parsed = undefined;
  }
}
