import * as vscode from 'vscode';
import { SPEC_TEMPLATES } from '../spec/templates';
import { openExample } from './examples';
import type { PreviewManager } from './preview/previewManager';
import { isSpecDocument } from './specDocuments';
import type { SpecRunSummary, SpecTests } from './testing';

interface Services {
  readonly tests: SpecTests;
  readonly previews: PreviewManager;
  readonly extensionUri: vscode.Uri;
}

/** The spec a command applies to: its argument (CodeLens, explorer) or the active editor's document. */
function targetSpec(arg: unknown): vscode.Uri | undefined {
  if (arg instanceof vscode.Uri) return arg;
  const document = vscode.window.activeTextEditor?.document;
  return document && isSpecDocument(document) ? document.uri : undefined;
}

function noSpec(): undefined {
  void vscode.window.showWarningMessage('Open a *.tconv.json spec first.');
  return undefined;
}

function summaryText(s: SpecRunSummary): string {
  const name = vscode.workspace.asRelativePath(s.uri);
  if (s.error) return `${name}: not verified (${s.error})`;
  return `${name}: ${s.passed} passed, ${s.failed} failed${s.notRun ? `, ${s.notRun} not run (size caps)` : ''}`;
}

async function verifyCurrent(tests: SpecTests, arg: unknown): Promise<SpecRunSummary | undefined> {
  const uri = targetSpec(arg);
  if (!uri) return noSpec();
  const summary = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'Verifying spec…' }, (_p, token) => tests.runFile(uri, token));
  const show = summary.error || summary.failed > 0 ? vscode.window.showErrorMessage : vscode.window.showInformationMessage;
  void show(summaryText(summary), 'Show Test Results').then((choice) => {
    if (choice) void vscode.commands.executeCommand('workbench.view.testing.focus');
  });
  return summary;
}

async function verifyAll(tests: SpecTests): Promise<SpecRunSummary[]> {
  const uris = await vscode.workspace.findFiles('**/*.tconv.json', '**/node_modules/**');
  const summaries: SpecRunSummary[] = [];
  await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'Verifying specs', cancellable: true }, async (progress, token) => {
    for (const uri of uris) {
      if (token.isCancellationRequested) break;
      progress.report({ message: vscode.workspace.asRelativePath(uri), increment: 100 / uris.length });
      summaries.push(await tests.runFile(uri, token));
    }
  });
  const bad = summaries.filter((s) => s.error || s.failed > 0).length;
  const message = `${summaries.length} spec${summaries.length === 1 ? '' : 's'} verified: ${summaries.length - bad} passed, ${bad} with failures or errors`;
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
        { placeHolder: 'Start a transposed-convolution spec from…' },
      );
  if (!pick) return undefined;
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  // An untitled document with a *.tconv.json path gets our diagnostics at once and saves where the user confirms.
  const target = folder ? vscode.Uri.joinPath(folder, pick.template.fileName) : vscode.Uri.file(`/${pick.template.fileName}`);
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

export function registerCommands({ tests, previews, extensionUri }: Services): vscode.Disposable[] {
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
    vscode.commands.registerCommand('tconv.openExample', (name?: unknown, view?: unknown) => openExample(extensionUri, previews, name, view)),
  ];
}
