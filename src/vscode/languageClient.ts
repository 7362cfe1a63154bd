/**
 * The one channel from the editor to the tconv language server (src/server): VS Code syncs each open spec's
 * edits to it, shows the diagnostics, hovers, quick fixes, CodeLens, completion, formatting, folding and symbols
 * it returns, and this file adds tconv's own requests (verify, preview) with the text of specs it has not opened.
 */
import * as vscode from 'vscode';
import type { BaseLanguageClient, LanguageClientOptions } from 'vscode-languageclient';
import {
  PreviewRequest,
  VerifyRequest,
  type PreviewParams,
  type PreviewResult,
  type TconvInitializationOptions,
  type VerifyResult,
} from '../server/protocol';
import { readSettings } from './settings';
import { slicedDidOpen } from './slicedOpen';
import { SPEC_LANGUAGE } from './specDocuments';

export type ClientFactory = (id: string, name: string, options: LanguageClientOptions) => BaseLanguageClient;

export function clientOptions(extensionUri: vscode.Uri): LanguageClientOptions {
  const initializationOptions: TconvInitializationOptions = {
    l10nBundle: vscode.l10n.bundle,
    docsUrl: vscode.Uri.joinPath(extensionUri, 'README.md').toString(),
    settings: readSettings(),
    tconvExtension: true,
  };
  return {
    documentSelector: [{ language: SPEC_LANGUAGE }],
    synchronize: { configurationSection: 'tconv' },
    initializationOptions,
    diagnosticCollectionName: 'tconv',
    middleware: { didOpen: slicedDidOpen },
  };
}

/** The server's copy of the document when it has one (an open spec); otherwise the text, read here. */
async function specParams(client: BaseLanguageClient, uri: vscode.Uri): Promise<{ uri: string; text?: string }> {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  const protocolUri = client.code2ProtocolConverter.asUri(uri);
  if (open?.languageId === SPEC_LANGUAGE) return { uri: protocolUri };
  const text = open ? open.getText() : new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  return { uri: protocolUri, text };
}

export class TconvClient {
  constructor(readonly client: BaseLanguageClient) {}

  async verify(uri: vscode.Uri, token?: vscode.CancellationToken): Promise<VerifyResult> {
    return this.client.sendRequest(VerifyRequest, await specParams(this.client, uri), token);
  }

  async preview(
    uri: vscode.Uri,
    options: Omit<PreviewParams, 'uri' | 'text'>,
    token?: vscode.CancellationToken,
  ): Promise<PreviewResult> {
    return this.client.sendRequest(PreviewRequest, { ...(await specParams(this.client, uri)), ...options }, token);
  }
}
