import type * as vscode from 'vscode';
import { LanguageClient, TransportKind, type ForkOptions } from 'vscode-languageclient/node';
import { activateTconv, type TconvApi } from './activate';

export function activate(context: vscode.ExtensionContext): TconvApi {
  const module = context.asAbsolutePath('dist/server.js');
  // V8's serializer on the IPC channel instead of JSON: opening a spec with a 10 MB paste blocked the extension
  // host 28–110 ms encoding didOpen as JSON, ≤ 16 ms this way (npm run bench:host). The client passes its fork
  // options on to child_process.fork whole; its ForkOptions type lists only some of them.
  const options = { serialization: 'advanced' } as ForkOptions;
  const server = { module, transport: TransportKind.ipc, options };
  return activateTconv(context, (id, name, clientOptions) => new LanguageClient(id, name, server, clientOptions));
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
