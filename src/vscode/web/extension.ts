import * as vscode from 'vscode';
import { LanguageClient } from 'vscode-languageclient/browser';
import { activateTconv, type TconvApi } from '../activate';

// The web extension host is a web worker: it has Worker, which the Node-typed build does not declare.
declare const Worker: new (url: string) => ConstructorParameters<typeof LanguageClient>[3];

export function activate(context: vscode.ExtensionContext): TconvApi {
  const url = vscode.Uri.joinPath(context.extensionUri, 'dist', 'web', 'server.js').toString(true);
  return activateTconv(context, (id, name, options) => new LanguageClient(id, name, options, new Worker(url)));
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
