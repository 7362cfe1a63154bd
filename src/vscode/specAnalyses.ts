/**
 * One analysis per document version, shared by diagnostics, hovers, quick fixes, CodeLens and the status bar.
 * Results that arrive for an outdated version are never handed out as current.
 */
import * as vscode from 'vscode';
import type { HostAnalysis } from '../analysis/hostView';
import type { HoverInfo } from '../spec/hover';
import { SupersededError, type AnalysisClient } from './analysisClient';
import { readSettings } from './settings';
import { documentVersion } from './specText';

interface Entry {
  readonly version: number;
  readonly promise: Promise<HostAnalysis>;
  analysis?: HostAnalysis;
}

export interface AnalyzedDocument {
  readonly document: vscode.TextDocument;
  readonly version: number;
  readonly analysis: HostAnalysis;
}

export class SpecAnalyses implements vscode.Disposable {
  private readonly entries = new Map<string, Entry>();
  private readonly emitter = new vscode.EventEmitter<AnalyzedDocument>();
  /** Fires when a document's current version has been analysed. */
  readonly onDidAnalyze = this.emitter.event;

  constructor(private readonly client: AnalysisClient) {}

  /** The analysis of the document as it is now (requested if not yet known). Rejects with SupersededError when a newer edit overtakes it. */
  get(document: vscode.TextDocument): Promise<HostAnalysis> {
    const key = document.uri.toString();
    const entry = this.entries.get(key);
    if (entry && entry.version === document.version) return entry.promise;
    const version = document.version;
    // The worker gets this version's edits when it holds an earlier one, else the text, read in parts if large;
    // a document that changes before it is read rejects with SupersededError (the newer version has its request).
    const promise = this.client.analyze(key, documentVersion(document), readSettings(document.uri).analysis);
    const fresh: Entry = { version, promise };
    this.entries.set(key, fresh);
    promise.then(
      (analysis) => {
        fresh.analysis = analysis;
        if (this.entries.get(key) === fresh && document.version === version) this.emitter.fire({ document, version, analysis });
      },
      (e: unknown) => {
        if (this.entries.get(key) === fresh) this.entries.delete(key);
        if (!(e instanceof SupersededError)) console.error('tconv: analysis failed', e);
      },
    );
    return promise;
  }

  /**
   * The hover at `offset` of the document as it is now, computed by the worker that analysed this version (it
   * keeps the analysis; the text is parsed there, never in the host). Undefined when a newer hover replaced it.
   */
  async hover(document: vscode.TextDocument, offset: number): Promise<HoverInfo | undefined> {
    try {
      // The worker holds this version's text once it has analysed it: the request names it, nothing is read.
      return await this.client.hover(document.uri.toString(), documentVersion(document), offset, readSettings(document.uri).analysis);
    } catch (e) {
      if (e instanceof SupersededError) return undefined;
      throw e;
    }
  }

  /** The analysis of the current version if it is already there. */
  peek(document: vscode.TextDocument): HostAnalysis | undefined {
    const entry = this.entries.get(document.uri.toString());
    return entry && entry.version === document.version ? entry.analysis : undefined;
  }

  /** Analyses again after a settings change. */
  invalidateAll(): void {
    this.entries.clear();
  }

  forget(document: vscode.TextDocument): void {
    this.entries.delete(document.uri.toString());
  }

  dispose(): void {
    this.emitter.dispose();
    this.entries.clear();
  }
}

/** Awaits the analysis of the current version, or undefined when an edit overtook it (the caller just gives up). */
export async function currentAnalysis(analyses: SpecAnalyses, document: vscode.TextDocument): Promise<HostAnalysis | undefined> {
  const version = document.version;
  try {
    const analysis = await analyses.get(document);
    return document.version === version ? analysis : undefined;
  } catch (e) {
    if (e instanceof SupersededError) return undefined;
    throw e;
  }
}
