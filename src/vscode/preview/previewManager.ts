/**
 * The previews, like VS Code's Markdown preview: one dynamic preview follows the active spec editor, locked
 * previews stay on their spec; all of them update as you type and come back after a window reload.
 */
import * as vscode from 'vscode';
import type { ViewId } from '../../webviewProtocol';
import type { TconvClient } from '../languageClient';
import type { VerificationRuns } from '../verificationRuns';
import { isSpecDocument } from '../specDocuments';
import { PREVIEW_VIEW_TYPE, PreviewPanel, webviewOptions } from './previewPanel';

export interface ShowPreviewOptions {
  readonly toSide: boolean;
  readonly view?: ViewId;
  readonly locked?: boolean;
}

export class PreviewManager implements vscode.Disposable {
  private readonly panels = new Set<PreviewPanel>();
  private readonly subscriptions: vscode.Disposable[] = [];
  private readonly deps: { extensionUri: vscode.Uri; client: TconvClient; runs: VerificationRuns };

  constructor(context: vscode.ExtensionContext, client: TconvClient, runs: VerificationRuns) {
    this.deps = { extensionUri: context.extensionUri, client, runs };
    this.subscriptions.push(
      vscode.window.registerWebviewPanelSerializer(PREVIEW_VIEW_TYPE, {
        deserializeWebviewPanel: async (panel, state) => {
          const uri = PreviewPanel.restoredUri(state);
          if (!uri) {
            panel.dispose();
            return;
          }
          this.track(new PreviewPanel(panel, uri, this.dynamic() !== undefined, this.deps));
        },
      }),
      vscode.window.onDidChangeActiveTextEditor((editor) => {
        if (editor && isSpecDocument(editor.document)) this.dynamic()?.retarget(editor.document.uri);
      }),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length === 0) return;
        for (const p of this.panels) if (p.isShowing(e.document.uri)) p.documentChanged();
      }),
      vscode.commands.registerCommand('tconv.togglePreviewLock', () => {
        const active = [...this.panels].find((p) => p.panel.active);
        if (!active) return;
        if (active.locked) this.dynamic()?.dispose();
        active.setLocked(!active.locked);
      }),
    );
  }

  /** All open previews (the integration tests look at them). */
  get all(): readonly PreviewPanel[] {
    return [...this.panels];
  }

  show(uri: vscode.Uri, options: ShowPreviewOptions): PreviewPanel {
    const column = options.toSide
      ? vscode.ViewColumn.Beside
      : (vscode.window.activeTextEditor?.viewColumn ?? vscode.ViewColumn.One);
    let preview =
      [...this.panels].find((p) => p.isShowing(uri) && (p.locked || !options.locked)) ??
      (options.locked ? undefined : this.dynamic());
    if (preview) {
      preview.retarget(uri);
      preview.panel.reveal(preview.panel.viewColumn ?? column, options.toSide);
    } else {
      const panel = vscode.window.createWebviewPanel(
        PREVIEW_VIEW_TYPE,
        vscode.l10n.t('Preview'),
        { viewColumn: column, preserveFocus: options.toSide },
        webviewOptions(this.deps.extensionUri),
      );
      preview = this.track(new PreviewPanel(panel, uri, options.locked ?? false, this.deps));
    }
    if (options.view) preview.showView(options.view);
    return preview;
  }

  refreshAll(): void {
    for (const p of this.panels) p.scheduleRender(0);
  }

  private dynamic(): PreviewPanel | undefined {
    return [...this.panels].find((p) => !p.locked);
  }

  private track(preview: PreviewPanel): PreviewPanel {
    this.panels.add(preview);
    preview.onDidDispose(() => this.panels.delete(preview));
    return preview;
  }

  dispose(): void {
    for (const p of [...this.panels]) p.dispose();
    for (const s of this.subscriptions) s.dispose();
  }
}
