/**
 * The tconv language server's own requests and notifications, beyond the Language Server Protocol: the boundary
 * between the editor (src/vscode, or any LSP client) and the server (src/server). Types and message names only.
 * Everything standard (diagnostics, hovers, code actions, CodeLens, completion, formatting, folding, symbols) is
 * plain LSP, so Neovim, Helix or Zed get it from `tconv lsp --stdio` with no tconv-specific client code.
 */
import {
  NotificationType,
  ProgressType,
  RequestType,
  type WorkDoneProgressBegin,
  type WorkDoneProgressEnd,
  type WorkDoneProgressParams,
  type WorkDoneProgressReport,
} from 'vscode-languageserver-protocol';
import type { VerifyProgressEvent } from '../specFile/verifySpec';
import type { FocusedPlanesPayload, PreviewFocus } from '../webviewProtocol';
import type { PreviewBuildResult } from '../preview/buildPayload';
import type { HostVerificationOutcome } from './verificationResult';
import type { ShapeStatus } from './shapeStatus';
import type { ImportErrorCode, ImportNote } from '../onnx';

/** What the client passes in `initialize`'s initializationOptions (all optional: another editor sends none). */
export interface TconvInitializationOptions {
  /** The editor's message bundle for its display language (English message → translation). */
  readonly l10nBundle?: Readonly<Record<string, string>>;
  /** Where each diagnostic code is explained; a code's link is this with `#code` appended. */
  readonly docsUrl?: string;
  readonly settings?: Partial<TconvServerSettings>;
  /**
   * Set by tconv's VS Code extension, which registers the commands CodeLens lines run (Preview, Verify), shows
   * their $(icon) titles and listens for tconv/analyzed. Other editors get neither.
   */
  readonly tconvExtension?: boolean;
}

/** The `tconv.*` settings the server reads (sent in initializationOptions and workspace/didChangeConfiguration). */
export interface TconvServerSettings {
  /** Bytes a layer's values may take (tconv.memoryBudget); beyond it, shapes only. */
  readonly memoryBudget: number;
  /** Milliseconds between the last keystroke and the check; the first check of a document is immediate. */
  readonly diagnosticsDelay: number;
  readonly codeLens: boolean;
}

/** The document a request is about: the server's open copy, or `text` when the client has the file but did not open it. */
export interface SpecRequestParams {
  readonly uri: string;
  readonly text?: string;
}

/** With a `workDoneToken`, the server reports the run on it through $/progress (VerifyProgress), check by check. */
export interface VerifyParams extends SpecRequestParams, WorkDoneProgressParams {}

/**
 * A tconv/verify run's progress: plain LSP work-done progress (begin, a report per check with "layer 3/5 up3 ·
 * adjoint · 12/40 checks" and a percentage, end), which any LSP client can show, and on each report the check's
 * event itself (`tconv`: started, or finished with its result), which tconv's extension turns into the Testing
 * view's states as they happen.
 */
export type VerifyProgress =
  WorkDoneProgressBegin | (WorkDoneProgressReport & { readonly tconv?: VerifyProgressEvent }) | WorkDoneProgressEnd;

export interface VerifyResult extends HostVerificationOutcome {
  /** The version verified (null for a text that is not open in the server). */
  readonly version: number | null;
}

export interface PreviewParams extends SpecRequestParams {
  readonly symbolic?: boolean;
  readonly focus?: PreviewFocus;
}

export type PreviewResult = PreviewBuildResult & {
  readonly version: number | null;
};

/** The planes of one layer for one focus (the preview's Grids view asks for them). */
export interface PlanesParams extends SpecRequestParams {
  readonly focus: PreviewFocus;
}

export interface PlanesResult {
  readonly planes: FocusedPlanesPayload;
  /** The version they were computed from (null for a text that is not open in the server). */
  readonly version: number | null;
}

/** Sent after each analysis of an open document: what the status bar shows while it is the active spec. */
export interface AnalyzedParams {
  readonly uri: string;
  readonly version: number;
  readonly status: ShapeStatus;
  readonly errors: number;
}

export interface ImportOnnxParams {
  /** The model file's bytes, base64. */
  readonly base64: string;
  readonly fileName: string;
  /** N, C, spatial…: when the model's input shape is symbolic beyond its batch dimension. */
  readonly inputShape?: readonly number[];
}

export type ImportOnnxResult =
  | {
      readonly ok: true;
      readonly text: string;
      readonly layerCounts: Readonly<Record<string, number>>;
      readonly notes: readonly ImportNote[];
    }
  | { readonly ok: false; readonly code: ImportErrorCode; readonly message: string };

export const VerifyProgressType = new ProgressType<VerifyProgress>();
export const VerifyRequest = new RequestType<VerifyParams, VerifyResult, void>('tconv/verify');
export const PreviewRequest = new RequestType<PreviewParams, PreviewResult, void>('tconv/preview');
export const PlanesRequest = new RequestType<PlanesParams, PlanesResult, void>('tconv/planes');
export const ImportOnnxRequest = new RequestType<ImportOnnxParams, ImportOnnxResult, void>('tconv/importOnnx');
export const AnalyzedNotification = new NotificationType<AnalyzedParams>('tconv/analyzed');
