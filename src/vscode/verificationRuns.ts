/**
 * The last verification run of each spec, whoever started it (the Testing view, a Verify command, the preview's
 * button): the Testing view, the notification and the preview's Verify view all show this one run.
 */
import * as vscode from 'vscode';
import type { SpecVerification } from '../specFile/verifySpec';

export interface CompletedRun {
  readonly uri: vscode.Uri;
  /** The document version the run checked; undefined when the spec was not open (its file was read). */
  readonly version: number | undefined;
  readonly verification: SpecVerification;
}

/** The version of `uri` open in the editor now, if it is open. */
export function openVersion(uri: vscode.Uri): number | undefined {
  return vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString())?.version;
}

export class VerificationRuns implements vscode.Disposable {
  private readonly latest = new Map<string, CompletedRun>();
  private readonly completed = new vscode.EventEmitter<CompletedRun>();
  readonly onDidComplete = this.completed.event;

  record(run: CompletedRun): void {
    this.latest.set(run.uri.toString(), run);
    this.completed.fire(run);
  }

  /** The last run of `uri` if it checked the text the editor has now. */
  current(uri: vscode.Uri): CompletedRun | undefined {
    const run = this.latest.get(uri.toString());
    return run && run.version === openVersion(uri) ? run : undefined;
  }

  dispose(): void {
    this.completed.dispose();
    this.latest.clear();
  }
}
