import * as vscode from 'vscode';
import { BrowserMessageReader, BrowserMessageWriter, LanguageClient } from 'vscode-languageclient/browser';
import { activateTconv, type TconvApi } from '../activate';

type ServerWorker = ConstructorParameters<typeof BrowserMessageReader>[0];

// The web extension host is a web worker: it has Worker, which the Node-typed build does not declare.
declare const Worker: new (url: string) => ServerWorker;

/**
 * The language server's Web Worker. VS Code's web worker host refuses a worker from a vscode-remote: URL (an
 * extension installed on a remote server, as in code-server: "Creating workers from remote extensions is currently
 * not supported"); its fetch does resolve such URLs, so then the same script starts from a blob: URL.
 */
async function serverWorker(script: vscode.Uri): Promise<ServerWorker> {
  const url = script.toString(true);
  try {
    return new Worker(url);
  } catch {
    const response = await fetch(url);
    if (!response.ok) throw new Error(`tconv: cannot load the language server from ${url} (${response.status})`);
    const blob = new Blob([await response.text()], { type: 'text/javascript' });
    return new Worker(URL.createObjectURL(blob));
  }
}

export function activate(context: vscode.ExtensionContext): TconvApi {
  const script = vscode.Uri.joinPath(context.extensionUri, 'dist', 'web', 'server.js');
  // vscode-languageclient 11: (id, name, serverOptions, clientOptions). The transports are built here, because the
  // client's own `instanceof Worker` test fails for the worker VS Code's host hands out.
  return activateTconv(
    context,
    (id, name, options) =>
      new LanguageClient(
        id,
        name,
        async () => {
          const worker = await serverWorker(script);
          return { reader: new BrowserMessageReader(worker), writer: new BrowserMessageWriter(worker) };
        },
        options,
      ),
  );
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
