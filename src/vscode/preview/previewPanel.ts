/**
 * One preview webview bound to one spec. Renders are debounced, built in the worker, and posted only if the
 * document still has the version they were built from; nothing is posted before the webview says `ready`.
 */
import * as vscode from 'vscode';
import {
  type HostMessage,
  type PreviewFocus,
  type PreviewState,
  type VerificationPayload,
  type ViewId,
  type WebviewMessage,
} from '../../webviewProtocol';
import { isWebviewMessage } from '../../webviewMessageGuards';
import { previewHtml } from '../../preview/html';
import { toVerificationPayload } from '../../preview/verificationPayload';
import type { TconvClient } from '../languageClient';
import { readSettings } from '../settings';
import type { CompletedRun, VerificationRuns } from '../verificationRuns';
import { localizedPreviewStrings } from './previewStrings';

export const PREVIEW_VIEW_TYPE = 'tconv.preview';
const RENDER_DELAY_MS = 100;

export interface PreviewPanelDeps {
  readonly extensionUri: vscode.Uri;
  readonly client: TconvClient;
  readonly runs: VerificationRuns;
}

function nonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewPanelOptions & vscode.WebviewOptions {
  return {
    enableScripts: true,
    enableFindWidget: true,
    localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'media'), vscode.Uri.joinPath(extensionUri, 'dist')],
  };
}

export class PreviewPanel implements vscode.Disposable {
  private ready = false;
  private disposed = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private renderSeq = 0;
  private pendingView: { view: ViewId; layerId?: string } | undefined;
  private focus: PreviewFocus | undefined;
  private rendering: vscode.CancellationTokenSource | undefined;
  private planeRequest: vscode.CancellationTokenSource | undefined;
  private readonly subscriptions: vscode.Disposable[] = [];
  private readonly disposeEmitter = new vscode.EventEmitter<void>();
  readonly onDidDispose = this.disposeEmitter.event;
  /** Messages posted to the webview, newest last (kept short; for the integration tests). */
  readonly posted: HostMessage['type'][] = [];
  /** Messages the webview never got: it was hidden (no retained context) or gone. For the integration tests. */
  readonly undelivered: HostMessage['type'][] = [];
  /** The last run's results posted to the Verify view (for the integration tests). */
  shownRun: VerificationPayload | undefined;

  constructor(
    readonly panel: vscode.WebviewPanel,
    private resource: vscode.Uri,
    public locked: boolean,
    private readonly deps: PreviewPanelDeps,
  ) {
    panel.webview.options = webviewOptions(deps.extensionUri);
    panel.webview.html = this.html();
    panel.iconPath = vscode.Uri.joinPath(deps.extensionUri, 'media', 'preview-icon.svg');
    this.updateTitle();
    this.subscriptions.push(
      panel.webview.onDidReceiveMessage((m: unknown) => void this.receive(m)),
      panel.onDidDispose(() => this.dispose()),
      deps.runs.onDidComplete((run) => {
        if (this.isShowing(run.uri) && run === deps.runs.current(run.uri)) this.showRun(run);
      }),
    );
  }

  get uri(): vscode.Uri {
    return this.resource;
  }

  isShowing(uri: vscode.Uri): boolean {
    return this.resource.toString() === uri.toString();
  }

  retarget(uri: vscode.Uri): void {
    if (this.isShowing(uri)) return;
    this.resource = uri;
    this.focus = undefined;
    this.updateTitle();
    this.scheduleRender(0);
  }

  setLocked(locked: boolean): void {
    this.locked = locked;
    this.updateTitle();
  }

  showView(view: ViewId, layerId?: string): void {
    // A hidden webview gets no messages, and comes back from its saved state (the view it showed) when revealed:
    // then the view waits for that new webview's `ready`. `visible` is still false in the turn of a reveal.
    if (this.ready && this.panel.visible) this.post({ type: 'setView', view, layerId });
    else this.pendingView = { view, layerId };
  }

  /** Re-renders after `delay` ms; a newer call replaces a pending one. */
  scheduleRender(delay = RENDER_DELAY_MS): void {
    if (this.disposed) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.render(), delay);
  }

  private updateTitle(): void {
    const name = this.resource.path.split('/').pop() ?? 'spec';
    this.panel.title = this.locked ? vscode.l10n.t('[Locked] Preview {0}', name) : vscode.l10n.t('Preview {0}', name);
  }

  private html(): string {
    const webview = this.panel.webview;
    const media = (file: string) =>
      webview.asWebviewUri(vscode.Uri.joinPath(this.deps.extensionUri, 'media', file)).toString();
    return previewHtml({
      cspSource: webview.cspSource,
      nonce: nonce(),
      scriptUri: media('preview.js'),
      styleUri: media('preview.css'),
      title: vscode.l10n.t('Transposed convolution preview'),
      lang: vscode.env.language,
    });
  }

  private post(message: HostMessage): void {
    // A verification or render can finish after the user closed the panel: then there is no one to tell.
    if (this.disposed) return;
    this.posted.push(message.type);
    if (this.posted.length > 50) this.posted.shift();
    void this.panel.webview.postMessage(message).then((delivered) => {
      if (!delivered) this.undelivered.push(message.type);
    });
  }

  private async render(): Promise<void> {
    if (!this.ready) return;
    const uri = this.resource;
    const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    const version = document?.version;
    const documentUri = uri.toString();
    const fileName = uri.path.split('/').pop() ?? documentUri;
    // A newer render makes this one moot: the server drops it if it has not started it yet.
    this.rendering?.cancel();
    const rendering = (this.rendering = new vscode.CancellationTokenSource());
    try {
      const result = await this.deps.client.preview(
        uri,
        { symbolic: readSettings(uri).symbolic, ...(this.focus ? { focus: this.focus } : {}) },
        rendering.token,
      );
      if (rendering.token.isCancellationRequested || !this.isShowing(uri) || document?.version !== version) return;
      const seq = ++this.renderSeq;
      if (result.ok) {
        this.post({ type: 'render', version: seq, documentUri, fileName, payload: result.payload });
        // A render replaces the Verify view's results with the preview's own; the last run stays while it is current.
        const run = this.deps.runs.current(uri);
        if (run) this.showRun(run);
      } else
        this.post({
          type: 'error',
          version: seq,
          documentUri,
          fileName,
          message: result.message,
          diagnostics: result.diagnostics,
        });
    } catch (e) {
      if (rendering.token.isCancellationRequested) return;
      this.post({
        type: 'error',
        version: ++this.renderSeq,
        documentUri,
        fileName,
        message: e instanceof Error ? e.message : String(e),
        diagnostics: [],
      });
    } finally {
      if (this.rendering === rendering) this.rendering = undefined;
      rendering.dispose();
    }
  }

  /** A message from the webview; anything that is not a valid WebviewMessage is ignored. */
  receive(message: unknown): Promise<void> {
    return isWebviewMessage(message) && !this.disposed ? this.onMessage(message) : Promise.resolve();
  }

  private async onMessage(message: WebviewMessage): Promise<void> {
    switch (message.type) {
      case 'ready':
        this.ready = true;
        // Before anything else: the webview rebuilds its page when the labels change.
        if (vscode.l10n.bundle)
          this.post({
            type: 'strings',
            strings: localizedPreviewStrings((english, comment) =>
              comment ? vscode.l10n.t({ message: english, comment, args: [] }) : vscode.l10n.t(english),
            ),
          });
        if (this.pendingView) this.post({ type: 'setView', ...this.pendingView });
        this.pendingView = undefined;
        await this.render();
        return;
      case 'reveal': {
        const document = await vscode.workspace.openTextDocument(this.resource);
        const start = document.positionAt(message.offset);
        const end = document.positionAt(message.offset + message.length);
        const column =
          vscode.window.visibleTextEditors.find((e) => e.document === document)?.viewColumn ?? vscode.ViewColumn.One;
        await vscode.window.showTextDocument(document, { viewColumn: column, selection: new vscode.Range(start, end) });
        return;
      }
      case 'command':
        if (message.command === 'verify') await this.verify();
        else if (message.command === 'toggleSymbolic') await vscode.commands.executeCommand('tconv.toggleSymbolic');
        else await vscode.window.showTextDocument(this.resource, { viewColumn: vscode.ViewColumn.One });
        return;
      case 'selection':
        this.focus = {
          layerId: message.layerId,
          batch: message.batch,
          inChannel: message.inChannel,
          outChannel: message.outChannel,
          ...(message.depth !== undefined ? { depth: message.depth } : {}),
        };
        this.scheduleRender(0);
        return;
      case 'requestPlanes': {
        const { type: _type, ...focus } = message;
        await this.answerPlanes(focus);
        return;
      }
      case 'copy':
        await vscode.env.clipboard.writeText(message.text);
        return;
    }
  }

  /** The planes of one focus, for the render on screen: a newer request, render or edit makes the answer moot. */
  private async answerPlanes(focus: PreviewFocus): Promise<void> {
    const uri = this.resource;
    const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    const version = document?.version;
    const seq = this.renderSeq;
    this.planeRequest?.cancel();
    const request = (this.planeRequest = new vscode.CancellationTokenSource());
    const current = () =>
      !request.token.isCancellationRequested &&
      seq === this.renderSeq &&
      this.isShowing(uri) &&
      document?.version === version;
    try {
      const result = await this.deps.client.planes(uri, focus, request.token);
      if (current()) this.post({ type: 'planes', version: seq, focus, planes: result.planes });
    } catch (e) {
      const note = e instanceof Error ? e.message : String(e);
      if (current())
        this.post({
          type: 'planes',
          version: seq,
          focus,
          planes: { input: null, weight: null, bias: null, skip: null, output: null, note },
        });
    } finally {
      if (this.planeRequest === request) this.planeRequest = undefined;
      request.dispose();
    }
  }

  /** Runs Verify Current Spec: its run reaches the Verify view as every run does (showRun). */
  private async verify(): Promise<void> {
    await vscode.commands.executeCommand('tconv.verifyCurrent', this.resource);
  }

  /** The results of a verification run of this spec's current text, in the Verify view. */
  private showRun(run: CompletedRun): void {
    const verification = toVerificationPayload(run.verification, 'command');
    this.shownRun = verification;
    this.post({ type: 'verification', version: this.renderSeq, verification });
  }

  /** The document changed: planes asked for earlier (`selection`) would be recomputed on every keystroke; drop them. */
  documentChanged(): void {
    this.focus = undefined;
    this.scheduleRender();
  }

  /** What the serializer needs to bring this panel back after a reload. */
  static restoredUri(state: unknown): vscode.Uri | undefined {
    const uri = (state as PreviewState | undefined)?.documentUri;
    return typeof uri === 'string' ? vscode.Uri.parse(uri) : undefined;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    clearTimeout(this.timer);
    this.rendering?.cancel();
    this.planeRequest?.cancel();
    for (const s of this.subscriptions.splice(0)) s.dispose();
    this.disposeEmitter.fire();
    this.disposeEmitter.dispose();
    this.panel.dispose();
  }
}
