import type * as vscode from 'vscode';
import { LanguageClient, TransportKind } from 'vscode-languageclient/node';
import { activateTconv, type TconvApi } from './activate';

export function activate(context: vscode.ExtensionContext): TconvApi {
  const module = context.asAbsolutePath('dist/server.js');
  return activateTconv(context, (id, name, options) => new LanguageClient(id, name, { module, transport: TransportKind.ipc }, options));
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
