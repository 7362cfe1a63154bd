import * as vscode from 'vscode';
import { findSpecFiles } from './specFiles';
import { SPEC_TEMPLATES } from '../specFile/templates';
import { openExample } from './examples';
import { importOnnxModelCommand } from './importOnnx';
import type { TconvClient } from './languageClient';
import type { PreviewManager } from './preview/previewManager';
import { isSpecDocument } from './specDocuments';
import type { SpecRunSummary, SpecTests } from './testing';
import { VerifyProgressCounter } from '../specFile/verifyProgress';
import type { VerifyProgressEvent } from '../specFile/verifySpec';
import { nothingVerifiedText, verificationStatus, type SpecVerificationStatus } from '../specFile/verificationStatus';

interface Services {
  readonly tests: SpecTests;
  readonly previews: PreviewManager;
  readonly client: TconvClient;
  readonly extensionUri: vscode.Uri;
}

/** The spec a command applies to: its argument (a URI from the explorer, its string from a CodeLens) or the active editor's document. */
function targetSpec(arg: unknown): vscode.Uri | undefined {
  if (arg instanceof vscode.Uri) return arg;
  if (typeof arg === 'string' && arg.length > 0) return vscode.Uri.parse(arg);
  const document = vscode.window.activeTextEditor?.document;
  return document && isSpecDocument(document) ? document.uri : undefined;
}

function noSpec(): undefined {
  void vscode.window.showWarningMessage(vscode.l10n.t('Open a *.tconv.json spec first.'));
  return undefined;
}

/** Failed only when a check that ran failed or the spec could not be verified; nothing run is not a failure. */
function statusOf(s: SpecRunSummary): SpecVerificationStatus {
  return s.error || !s.verification ? 'failed' : verificationStatus(s.verification);
}

function summaryText(s: SpecRunSummary): string {
  const name = vscode.workspace.asRelativePath(s.uri);
  if (s.error) return vscode.l10n.t('{0}: not verified ({1})', name, s.error);
  if (s.verification && statusOf(s) === 'nothingVerified')
    return vscode.l10n.t('{0}: {1}', name, nothingVerifiedText(s.verification));
  // "passed", "failed" and "not run" read as labels of the counts, so one message serves every number.
  if (s.notRun) return vscode.l10n.t('{0}: {1} passed, {2} failed, {3} not run', name, s.passed, s.failed, s.notRun);
  return vscode.l10n.t('{0}: {1} passed, {2} failed', name, s.passed, s.failed);
}

/**
 * A notification's progress for one spec's run: the check running ("layer 3/5 up3 · adjoint · 12/40 checks"),
 * the bar advanced by the run's fraction done out of `share` percent. Answers the increment each event gave.
 */
function reportChecks(
  progress: vscode.Progress<{ message?: string; increment?: number }>,
  share: number,
  prefix?: string,
): (event: VerifyProgressEvent) => number {
  const counter = new VerifyProgressCounter();
  let shown = 0;
  return (event) => {
    const fraction = counter.add(event);
    const increment = Math.max(0, fraction * share - shown);
    shown += increment;
    const message = counter.message();
    progress.report({ message: prefix ? `${prefix} · ${message}` : message, increment });
    return increment;
  };
}

async function verifyCurrent(tests: SpecTests, arg: unknown): Promise<SpecRunSummary | undefined> {
  const uri = targetSpec(arg);
  if (!uri) return noSpec();
  const summary = await vscode.window.withProgress(
    {
      location: vscode.ProgressLocation.Notification,
      title: vscode.l10n.t('Verifying {0}', vscode.workspace.asRelativePath(uri)),
      cancellable: true,
    },
    (progress, token) => tests.runFile(uri, token, reportChecks(progress, 100)),
  );
  const show = statusOf(summary) === 'failed' ? vscode.window.showErrorMessage : vscode.window.showInformationMessage;
  void show(summaryText(summary), vscode.l10n.t('Show Test Results')).then((choice) => {
    if (choice) void vscode.commands.executeCommand('workbench.view.testing.focus');
  });
  return summary;
}

async function verifyAll(tests: SpecTests): Promise<SpecRunSummary[]> {
  const uris = await findSpecFiles();
  const summaries: SpecRunSummary[] = [];
  await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Verifying specs'), cancellable: true },
    async (progress, token) => {
      for (const uri of uris) {
        if (token.isCancellationRequested) break;
        const name = vscode.workspace.asRelativePath(uri);
        progress.report({ message: name });
        // Each spec's share of the bar, filled as its checks finish (all of it once it ends, checks or not).
        const share = 100 / uris.length;
        let given = 0;
        const checks = reportChecks(progress, share, name);
        summaries.push(
          await tests.runFile(uri, token, (event) => {
            given += checks(event);
          }),
        );
        if (share - given > 0) progress.report({ increment: share - given });
      }
    },
  );
  const count = (status: SpecVerificationStatus) => summaries.filter((s) => statusOf(s) === status).length;
  const [good, bad, nothing] = [count('passed'), count('failed'), count('nothingVerified')];
  const message =
    nothing > 0
      ? vscode.l10n.t(
          '{0} specs: {1} passed, {2} with failures or errors, {3} with nothing verified',
          summaries.length,
          good,
          bad,
          nothing,
        )
      : summaries.length === 1
        ? vscode.l10n.t('1 spec verified: {0} passed, {1} with failures or errors', good, bad)
        : vscode.l10n.t('{0} specs verified: {1} passed, {2} with failures or errors', summaries.length, good, bad);
  void (bad ? vscode.window.showErrorMessage(message) : vscode.window.showInformationMessage(message));
  return summaries;
}

/** Asks which template, unless a template id is given (keybindings, tests). */
async function newSpec(templateId?: unknown): Promise<vscode.TextEditor | undefined> {
  const given = SPEC_TEMPLATES.find((t) => t.id === templateId);
  const pick = given
    ? { template: given }
    : await vscode.window.showQuickPick(
        SPEC_TEMPLATES.map((t) => ({ label: t.label, detail: t.detail, template: t })),
        { placeHolder: vscode.l10n.t('Start a transposed-convolution spec from…') },
      );
  if (!pick) return undefined;
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  // An untitled document with a *.tconv.json path gets our diagnostics at once and saves where the user confirms.
  const target = folder
    ? vscode.Uri.joinPath(folder, pick.template.fileName)
    : vscode.Uri.file(`/${pick.template.fileName}`);
  const document = await vscode.workspace.openTextDocument(target.with({ scheme: 'untitled' }));
  const editor = await vscode.window.showTextDocument(document);
  await editor.edit((b) => b.replace(new vscode.Range(0, 0, document.lineCount, 0), pick.template.text));
  return editor;
}

async function toggleSymbolic(): Promise<boolean> {
  const config = vscode.workspace.getConfiguration('tconv');
  const next = config.get('symbolic') !== true;
  await config.update('symbolic', next, vscode.ConfigurationTarget.Global);
  return next;
}

export function registerCommands({ tests, previews, client, extensionUri }: Services): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('tconv.openPreview', (arg?: unknown) => {
      const uri = targetSpec(arg);
      return uri ? previews.show(uri, { toSide: false }) : noSpec();
    }),
    vscode.commands.registerCommand('tconv.openPreviewToSide', (arg?: unknown) => {
      const uri = targetSpec(arg);
      return uri ? previews.show(uri, { toSide: true }) : noSpec();
    }),
    vscode.commands.registerCommand('tconv.showMatrix', (arg?: unknown) => {
      const uri = targetSpec(arg);
      return uri ? previews.show(uri, { toSide: true, view: 'matrix' }) : noSpec();
    }),
    vscode.commands.registerCommand('tconv.verifyCurrent', (arg?: unknown) => verifyCurrent(tests, arg)),
    vscode.commands.registerCommand('tconv.verifyAll', () => verifyAll(tests)),
    vscode.commands.registerCommand('tconv.newSpec', newSpec),
    vscode.commands.registerCommand('tconv.toggleSymbolic', toggleSymbolic),
    vscode.commands.registerCommand('tconv.importOnnx', (arg?: unknown) => importOnnxModelCommand(client, arg)),
    vscode.commands.registerCommand('tconv.openExample', (name?: unknown, view?: unknown) =>
      openExample(extensionUri, previews, name, view),
    ),
  ];
}
