import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import { AnalyzedNotification, type AnalyzedParams } from '../server/protocol';
import { isSpecDocument } from './specDocuments';

/** The active spec's input → output shape, and its error count when it has errors, as the server last analysed it. */
export class ShapeStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('tconv.shape', vscode.StatusBarAlignment.Right, 100);
  private readonly latest = new Map<string, AnalyzedParams>();
  private readonly subscriptions: vscode.Disposable[];

  constructor(client: BaseLanguageClient) {
    this.item.name = vscode.l10n.t('Transposed Convolution: shape');
    this.subscriptions = [
      this.item,
      vscode.window.onDidChangeActiveTextEditor(() => this.update()),
      vscode.workspace.onDidCloseTextDocument((d) => this.latest.delete(d.uri.toString())),
      client.onNotification(AnalyzedNotification, (analyzed) => {
        this.latest.set(client.protocol2CodeConverter.asUri(analyzed.uri).toString(), analyzed);
        this.update();
      }),
    ];
    this.update();
  }

  /** What the item shows now (the integration tests compare it with the Problems count). */
  get shown(): { readonly text: string; readonly errors: number } | undefined {
    const document = vscode.window.activeTextEditor?.document;
    const analyzed = document && this.latest.get(document.uri.toString());
    return analyzed && this.item.text ? { text: this.item.text, errors: analyzed.errors } : undefined;
  }

  private update(): void {
    const document = vscode.window.activeTextEditor?.document;
    const analyzed = document && isSpecDocument(document) ? this.latest.get(document.uri.toString()) : undefined;
    if (!analyzed) {
      this.item.hide();
      return;
    }
    this.item.text = analyzed.status.text;
    this.item.tooltip = analyzed.status.tooltip;
    this.item.command = analyzed.status.command;
    this.item.show();
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
  }
}
