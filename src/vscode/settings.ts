import * as vscode from 'vscode';
import { normalizeSettings } from '../server/settings';
import type { TconvServerSettings } from '../server/protocol';

export interface TconvSettings extends TconvServerSettings {
  readonly symbolic: boolean;
}

/** Reads `tconv.*`, clamped to the bounds package.json declares (settings.json can hold anything). */
export function readSettings(scope?: vscode.ConfigurationScope): TconvSettings {
  const c = vscode.workspace.getConfiguration('tconv', scope);
  const raw = {
    memoryBudget: c.get('memoryBudget'),
    diagnosticsDelay: c.get('diagnosticsDelay'),
    codeLens: c.get('codeLens'),
  };
  return { ...normalizeSettings(raw), symbolic: c.get('symbolic') === true };
}
