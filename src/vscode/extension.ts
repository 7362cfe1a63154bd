import * as path from 'node:path';
import type * as vscode from 'vscode';
import { activateTconv, type TconvApi } from './activate';
import { nodeWorker } from './nodeWorker';

export function activate(context: vscode.ExtensionContext): TconvApi {
  const script = path.join(context.extensionPath, 'dist', 'analysisWorker.js');
  return activateTconv(context, () => nodeWorker(script));
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
