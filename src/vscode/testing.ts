/**
 * The Testing view: every spec in the workspace is a test item, its transposed layers its children and each
 * verification of a layer a grandchild. Running an item runs the spec's verifications in the worker.
 */
import * as vscode from 'vscode';
import { findSpecFiles } from './specFiles';
import { isSpecDocument } from './specDocuments';
import type { HostVerificationOutcome } from '../server/verificationResult';
import type { VerificationResult } from '../engine';
// From the module itself, not the engine's index: the extension host bundle then leaves the engine out.
import { verificationTitle } from '../engine/verify/types';
import type { TconvClient } from './languageClient';
import type { CheckRef, SpecVerification, VerifyProgressEvent } from '../specFile/verifySpec';
import { nothingVerifiedText, verificationStatus } from '../specFile/verificationStatus';
import {
  fileDescription,
  layerOutcome,
  layerTestItems,
  notRunDescription,
  resultDetails,
  resultOutput,
} from './views/testItems';
import { openVersion, type VerificationRuns } from './verificationRuns';

export interface SpecRunSummary {
  readonly uri: vscode.Uri;
  readonly passed: number;
  readonly failed: number;
  readonly notRun: number;
  readonly error?: string;
  /** Every result with its numbers (the preview's Verify view shows them). */
  readonly verification?: SpecVerification;
  /** How many checks the Testing view marked as they finished, before the run ended (its progress reports). */
  readonly reportedLive?: number;
}

const layerId = (file: vscode.TestItem, index: number) => `${file.id}#layer-${index}`;
const checkId = (layer: vscode.TestItem, name: string) => `${layer.id}/${name}`;

export class SpecTests implements vscode.Disposable {
  private created: vscode.TestController | undefined;
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(
    private readonly verifier: TconvClient,
    private readonly runs: VerificationRuns,
  ) {
    const watcher = vscode.workspace.createFileSystemWatcher('**/*.tconv.json');
    this.subscriptions.push(
      watcher,
      watcher.onDidCreate((uri) => this.fileItem(uri)),
      watcher.onDidDelete((uri) => this.created?.items.delete(uri.toString())),
      watcher.onDidChange((uri) => {
        const item = this.created?.items.get(uri.toString());
        if (item) void this.refreshFile(item);
      }),
      vscode.workspace.onDidOpenTextDocument((document) => this.appearFor(document)),
    );
    vscode.workspace.textDocuments.forEach((document) => this.appearFor(document));
    void findSpecFiles(1).then((uris) => {
      if (uris.length > 0) this.appear();
    });
  }

  /**
   * The Testing view's entry, created on first need: tconv also activates on any JSON document, and a workspace
   * without specs should not get an empty "Transposed Convolution" test tree.
   */
  get controller(): vscode.TestController {
    if (!this.created) {
      const controller = vscode.tests.createTestController('tconv', vscode.l10n.t('Transposed Convolution'));
      controller.resolveHandler = async (item) => {
        if (!item) await this.discoverWorkspace();
        else await this.refreshFile(item);
      };
      controller.refreshHandler = () => this.discoverWorkspace();
      controller.createRunProfile(
        vscode.l10n.t('Verify'),
        vscode.TestRunProfileKind.Run,
        (request, token) => this.run(request, token),
        true,
      );
      this.subscriptions.push(controller);
      this.created = controller;
    }
    return this.created;
  }

  private appear(): void {
    void this.controller;
  }

  private appearFor(document: vscode.TextDocument): void {
    if (!this.created && isSpecDocument(document)) this.appear();
  }

  async discoverWorkspace(): Promise<void> {
    const uris = await findSpecFiles();
    for (const uri of uris) this.fileItem(uri);
  }

  fileItem(uri: vscode.Uri): vscode.TestItem {
    const existing = this.controller.items.get(uri.toString());
    if (existing) return existing;
    const item = this.controller.createTestItem(uri.toString(), vscode.workspace.asRelativePath(uri), uri);
    item.canResolveChildren = true;
    this.controller.items.add(item);
    return item;
  }

  /** Runs one spec's verifications as a test run (what "Verify Current Spec" does); each check as it goes to `onProgress`. */
  async runFile(
    uri: vscode.Uri,
    token?: vscode.CancellationToken,
    onProgress?: (event: VerifyProgressEvent) => void,
  ): Promise<SpecRunSummary> {
    const item = this.fileItem(uri);
    const run = this.controller.createTestRun(
      new vscode.TestRunRequest([item]),
      vscode.l10n.t('Verify {0}', vscode.workspace.asRelativePath(uri)),
      false,
    );
    try {
      return await this.runItem(run, item, token, undefined, onProgress);
    } finally {
      run.end();
    }
  }

  private async run(request: vscode.TestRunRequest, token: vscode.CancellationToken): Promise<void> {
    const run = this.controller.createTestRun(request);
    const files = new Map<string, vscode.TestItem>();
    const roots = request.include ?? [...this.allFiles()];
    for (const item of roots) {
      let file = item;
      while (file.parent) file = file.parent;
      files.set(file.id, file);
    }
    try {
      for (const file of files.values()) {
        if (token.isCancellationRequested) break;
        if (request.exclude?.includes(file)) continue;
        await this.runItem(
          run,
          file,
          token,
          request.include?.filter((i) => i !== file),
        );
      }
    } finally {
      run.end();
    }
  }

  private *allFiles(): Iterable<vscode.TestItem> {
    for (const [, item] of this.controller.items) yield item;
  }

  private async runItem(
    run: vscode.TestRun,
    file: vscode.TestItem,
    token?: vscode.CancellationToken,
    only?: readonly vscode.TestItem[],
    onProgress?: (event: VerifyProgressEvent) => void,
  ): Promise<SpecRunSummary> {
    const uri = file.uri as vscode.Uri;
    run.started(file);
    const version = openVersion(uri);
    const wanted = (item: vscode.TestItem) =>
      !only?.length ||
      only.some((o) => item.id === o.id || item.id.startsWith(`${o.id}/`) || item.id.startsWith(`${o.id}#`));
    /** Checks whose state was set as they finished (not set again at the end). */
    const reported = new Set<string>();
    const live = (event: VerifyProgressEvent) => {
      onProgress?.(event);
      if (event.kind === 'layerError') return;
      const check = this.liveCheckItem(file, event.check);
      if (!wanted(check)) return;
      if (event.kind === 'start') return run.started(check);
      check.description = event.result.notRun ? notRunDescription(event.result.notRun) : undefined;
      report(run, check, event.result);
      reported.add(check.id);
    };
    let outcome: HostVerificationOutcome;
    try {
      outcome = await this.verifier.verify(uri, token, live);
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      run.errored(file, new vscode.TestMessage(message));
      return { uri, passed: 0, failed: 0, notRun: 0, error: message };
    }
    if (token?.isCancellationRequested) {
      run.skipped(file);
      return { uri, passed: 0, failed: 0, notRun: 0, error: vscode.l10n.t('cancelled') };
    }
    this.fillChildren(file, outcome);
    if (!outcome.verification) {
      run.errored(file, new vscode.TestMessage(outcome.error ?? vscode.l10n.t('not verified')));
      return { uri, passed: 0, failed: 0, notRun: 0, error: outcome.error };
    }
    for (const layer of outcome.verification.layers) {
      const layerItem = file.children.get(layerId(file, layer.layerIndex));
      if (!layerItem) continue;
      if (layer.error) run.errored(layerItem, new vscode.TestMessage(layer.error));
      for (const result of layer.results) {
        const check = layerItem.children.get(checkId(layerItem, result.name));
        if (check && wanted(check) && !reported.has(check.id)) report(run, check, result);
      }
      if (!layer.error && wanted(layerItem)) {
        const state = layerOutcome(layer.results);
        if (state === 'failed')
          run.failed(layerItem, new vscode.TestMessage(vscode.l10n.t('{0}: a verification failed', layer.layerName)));
        else if (state === 'skipped') run.skipped(layerItem);
        else run.passed(layerItem);
      }
    }
    this.runs.record({ uri, version, verification: outcome.verification });
    const { passed, failed, notRun } = outcome.verification.counts;
    const status = verificationStatus(outcome.verification);
    file.description = fileDescription(outcome.verification);
    if (status === 'failed') {
      // A check that ran failed, or a layer could not be verified at all (its error is the message).
      const layerError = outcome.verification.layers.find((l) => l.error !== undefined)?.error ?? '';
      const message =
        failed === 0
          ? layerError
          : failed === 1
            ? vscode.l10n.t('1 verification failed')
            : vscode.l10n.t('{0} verifications failed', failed);
      run.failed(file, new vscode.TestMessage(message));
    } else if (status === 'nothingVerified') {
      // Nothing ran (empty `verify`, or every check not run): not a failure. Skipped, with the reason in the output.
      run.appendOutput(`${nothingVerifiedText(outcome.verification)}\r\n`, undefined, file);
      run.skipped(file);
    } else run.passed(file);
    return { uri, passed, failed, notRun, verification: outcome.verification, reportedLive: reported.size };
  }

  /**
   * The item of a check that is running, made on the spot when the spec's children are not known yet (its first
   * run); fillChildren puts labels, positions and order right when the run ends.
   */
  private liveCheckItem(file: vscode.TestItem, ref: CheckRef): vscode.TestItem {
    const id = layerId(file, ref.layerIndex);
    let layer = file.children.get(id);
    if (!layer) {
      layer = this.controller.createTestItem(id, ref.layerName, file.uri);
      file.children.add(layer);
    }
    const existing = layer.children.get(checkId(layer, ref.name));
    if (existing) return existing;
    const check = this.controller.createTestItem(checkId(layer, ref.name), verificationTitle(ref.name), file.uri);
    layer.children.add(check);
    return check;
  }

  private async refreshFile(file: vscode.TestItem): Promise<void> {
    const uri = file.uri as vscode.Uri;
    try {
      this.fillChildren(file, await this.verifier.verify(uri));
      file.error = undefined;
    } catch (e) {
      file.error = e instanceof Error ? e.message : String(e);
    }
  }

  /**
   * Layers and their verifications as children, from the outcome's plan and results (or the plan alone). The
   * worker gives each layer's position: indexing the lines of a multi-megabyte text here would block the host.
   */
  private fillChildren(file: vscode.TestItem, outcome: HostVerificationOutcome): void {
    const layers = layerTestItems(outcome).map((item) => {
      const layer =
        file.children.get(layerId(file, item.index)) ??
        this.controller.createTestItem(layerId(file, item.index), item.label, file.uri);
      layer.label = item.label;
      const at = item.position;
      if (at) layer.range = new vscode.Range(at.line - 1, at.column - 1, at.line - 1, at.column - 1);
      layer.children.replace(
        item.checks.map((c) => {
          const check =
            layer.children.get(checkId(layer, c.name)) ??
            this.controller.createTestItem(checkId(layer, c.name), c.label, file.uri);
          // A not-run check's reason next to its label: TestRun.skipped takes no message, so the view would
          // otherwise say "Skipped" only. Cleared when the check runs again.
          check.description = c.description;
          return check;
        }),
      );
      return layer;
    });
    file.children.replace(layers);
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
  }
}

/** One check's state. A not-run check's reason is in its output and (set by fillChildren) its description. */
function report(run: vscode.TestRun, item: vscode.TestItem, result: VerificationResult): void {
  run.appendOutput(resultOutput(item.label, result), undefined, item);
  if (result.notRun) run.skipped(item);
  else if (result.passed) run.passed(item);
  else run.failed(item, new vscode.TestMessage(`${result.summary}\n\n${resultDetails(result).replace(/\r/g, '')}`));
}
