/**
 * What changed between two versions of an open document, so that after an edit the analysis worker gets the
 * edits instead of the whole text again (a 10 MB document: a few characters instead of 10 MB read, sent in parts
 * and joined). No `vscode` here: specText.ts records VS Code's content changes.
 */
import type { TextEdit } from '../analysis/protocol';
import type { SpecText } from './documentText';

/** One version of an open document, as the analysis client needs it. */
export interface DocumentVersion {
  /** The same for every version of one open document; another for another document, or the same one reopened. */
  readonly document: number;
  readonly version: number;
  /** The whole text of this version (documentText), or undefined once the document has moved on. */
  read(): SpecText | undefined | Promise<SpecText | undefined>;
  /** The edits, in order, that take the text of an earlier `version` of the document to this one; undefined if not all are known. */
  editsFrom(version: number): readonly TextEdit[] | undefined;
}

export function isDocumentVersion(text: SpecText | DocumentVersion): text is DocumentVersion {
  return typeof text === 'object' && !Array.isArray(text);
}

/** The length of a text after the edits (each applies to the text the ones before it left). */
export function editedLength(length: number, edits: readonly TextEdit[]): number {
  let result = length;
  for (const e of edits) result += e.text.length - e.deleted;
  return result;
}

/** The characters the edits insert. */
export function insertedCharacters(edits: readonly TextEdit[]): number {
  return edits.reduce((sum, e) => sum + e.text.length, 0);
}

export interface EditLogLimits {
  /** Versions kept. */
  readonly versions: number;
  /** Inserted characters kept, over all versions kept. */
  readonly characters: number;
}

const DEFAULT_LIMITS: EditLogLimits = { versions: 256, characters: 4 * 1024 * 1024 };

interface Step {
  /** The version these edits made. */
  readonly version: number;
  readonly edits: readonly TextEdit[];
  readonly characters: number;
}

/**
 * The edits of one document's recent versions, oldest first, without gaps: versions that are consecutive numbers,
 * each made by one change event. A version the log did not see (a gap) makes the versions before it unreachable.
 */
export class EditLog {
  private steps: Step[] = [];
  private characters = 0;

  constructor(private readonly limits: EditLogLimits = DEFAULT_LIMITS) {}

  /** The document reached `version` through these edits (VS Code's content changes, in their order). */
  record(version: number, edits: readonly TextEdit[]): void {
    // An event without changes (the dirty state changed) changes no text. Had it counted a version, the gap it
    // leaves only costs the next request a full read.
    if (edits.length === 0) return;
    const last = this.steps.at(-1);
    if (last && version !== last.version + 1) this.clear();
    const characters = insertedCharacters(edits);
    this.steps.push({ version, edits, characters });
    this.characters += characters;
    while (this.steps.length > this.limits.versions || (this.steps.length > 1 && this.characters > this.limits.characters)) {
      this.characters -= this.steps[0].characters;
      this.steps.shift();
    }
  }

  /** The edits from version `from` to version `to` (from ≤ to), or undefined when the log does not hold them all. */
  between(from: number, to: number): TextEdit[] | undefined {
    if (from === to) return [];
    const first = this.steps.findIndex((s) => s.version === from + 1);
    const last = first + (to - from) - 1;
    if (from > to || first < 0 || last >= this.steps.length || this.steps[last].version !== to) return undefined;
    return this.steps.slice(first, last + 1).flatMap((s) => s.edits);
  }

  clear(): void {
    this.steps = [];
    this.characters = 0;
  }
}
