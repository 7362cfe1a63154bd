/**
 * The one channel from the editor to the tconv language server (src/server): VS Code syncs each open spec's
 * edits to it, shows the diagnostics, hovers, quick fixes, CodeLens, completion, formatting, folding and symbols
 * it returns, and this file adds tconv's own requests (verify, preview) with the text of specs it has not opened.
 */
import * as vscode from 'vscode';
import type { BaseLanguageClient, LanguageClientOptions } from 'vscode-languageclient';
import {
  ImportOnnxRequest,
  PlanesRequest,
  PreviewRequest,
  VerifyProgressType,
  VerifyRequest,
  type ImportOnnxParams,
  type ImportOnnxResult,
  type PlanesResult,
  type PreviewParams,
  type PreviewResult,
  type TconvInitializationOptions,
  type VerifyResult,
} from '../server/protocol';
import type { VerifyProgressEvent } from '../specFile/verifySpec';
import type { PreviewFocus } from '../webviewProtocol';
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

  /** Reads an ONNX model into a spec, in the server (the decoder is not in the extension host). */
  importOnnx(params: ImportOnnxParams): Promise<ImportOnnxResult> {
    return this.client.sendRequest(ImportOnnxRequest, params);
  }

  private progressTokens = 0;

  /**
   * Runs `uri`'s verifications; with `onProgress`, each check as it starts and finishes, from the server's
   * work-done progress on a token of this request (all of them arrive before the result).
   */
  async verify(
    uri: vscode.Uri,
    token?: vscode.CancellationToken,
    onProgress?: (event: VerifyProgressEvent) => void,
  ): Promise<VerifyResult> {
    const params = await specParams(this.client, uri);
    if (!onProgress) return this.client.sendRequest(VerifyRequest, params, token);
    const workDoneToken = `tconv-verify-${++this.progressTokens}-${Date.now().toString(36)}`;
    const listening = this.client.onProgress(VerifyProgressType, workDoneToken, (value) => {
      if (value.kind === 'report' && value.tconv) onProgress(value.tconv);
    });
    try {
      return await this.client.sendRequest(VerifyRequest, { ...params, workDoneToken }, token);
    } finally {
      listening.dispose();
    }
  }

  async preview(
    uri: vscode.Uri,
    options: Omit<PreviewParams, 'uri' | 'text'>,
    token?: vscode.CancellationToken,
  ): Promise<PreviewResult> {
    return this.client.sendRequest(PreviewRequest, { ...(await specParams(this.client, uri)), ...options }, token);
  }

  /** The planes of one layer for one focus (the preview's Grids view). */
  async planes(uri: vscode.Uri, focus: PreviewFocus, token?: vscode.CancellationToken): Promise<PlanesResult> {
    return this.client.sendRequest(PlanesRequest, { ...(await specParams(this.client, uri)), focus }, token);
  }
}
