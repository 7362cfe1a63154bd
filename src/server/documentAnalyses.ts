/**
 * One analysis per (document, version): diagnostics, hovers, quick fixes, CodeLens, the status bar, the Testing
 * view and the preview all read the same validation of the same text. An analysis is made when first asked for
 * and dropped when the document changes or closes.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { validateSpec, type ValidationResult } from '../specFile';

interface Entry {
  readonly version: number;
  readonly memoryBudget: number;
  readonly result: ValidationResult;
}

export class DocumentAnalyses {
  private readonly entries = new Map<string, Entry>();
  /** How many validations ran (the tests check that a version is validated once). */
  validations = 0;

  constructor(private readonly memoryBudget: () => number) {}

  get(document: TextDocument): ValidationResult {
    const memoryBudget = this.memoryBudget();
    const entry = this.entries.get(document.uri);
    if (entry && entry.version === document.version && entry.memoryBudget === memoryBudget) return entry.result;
    this.validations++;
    const result = validateSpec(document.getText(), { memoryBudget });
    this.entries.set(document.uri, { version: document.version, memoryBudget, result });
    return result;
  }

  /** Whether this version was already analysed. */
  has(document: TextDocument): boolean {
    return this.entries.get(document.uri)?.version === document.version;
  }

  forget(uri: string): void {
    this.entries.delete(uri);
  }

  clear(): void {
    this.entries.clear();
  }
}
