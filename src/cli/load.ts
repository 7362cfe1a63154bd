import * as l10n from '@vscode/l10n';
import { readFileSync } from 'node:fs';
import { LineIndex, validateSpec, type SpecDiagnostic, type ValidationResult } from '../specFile';

export interface LoadedSpec {
  readonly path: string;
  readonly text: string;
  readonly lines: LineIndex;
  readonly result: ValidationResult;
}

export interface LoadOptions {
  readonly memoryBudget?: number;
}

/** Reads and validates one spec; an unreadable file becomes a diagnostic, never an exception. */
export function loadSpec(path: string, options: LoadOptions = {}): LoadedSpec {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    const diagnostic: SpecDiagnostic = {
      code: 'io',
      severity: 'error',
      message: l10n.t('cannot read {0}: {1}', path, (e as Error).message),
      offset: 0,
      length: 0,
    };
    return { path, text: '', lines: new LineIndex(''), result: { diagnostics: [diagnostic], spec: null, plan: null } };
  }
  return { path, text, lines: new LineIndex(text), result: validateSpec(text, { memoryBudget: options.memoryBudget }) };
}
