/**
 * tconv's own requests: verifying a spec (the Testing view, Verify commands) and building its preview. The preview
 * reads the document's analysis when the server has the document open; a file the editor has not opened comes
 * with its text, which is validated for that request only.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { previewFromValidation } from '../preview/buildPayload';
import { validateSpec, type ValidationResult } from '../specFile';
import type { DocumentAnalyses } from './documentAnalyses';
import type { PreviewParams, PreviewResult, SpecRequestParams, VerifyParams, VerifyResult } from './protocol';
import type { Cancellation, Verifier } from './verifier';

interface Subject {
  readonly text: string;
  readonly version: number | null;
  readonly result: ValidationResult;
}

export class SpecRequests {
  constructor(
    private readonly document: (uri: string) => TextDocument | undefined,
    private readonly analyses: DocumentAnalyses,
    private readonly maxElements: () => number,
    private readonly verifier: () => Verifier,
  ) {}

  /** The open document's text and version, else the text the request brought (version null). */
  private source(params: SpecRequestParams): { readonly text: string; readonly open: TextDocument | undefined } {
    const open = this.document(params.uri);
    if (open) return { text: open.getText(), open };
    if (typeof params.text !== 'string') throw new Error(`tconv: ${params.uri} is not open and no text was sent`);
    return { text: params.text, open: undefined };
  }

  private subject(params: SpecRequestParams): Subject {
    const { text, open } = this.source(params);
    if (open) return { text, version: open.version, result: this.analyses.get(open) };
    return { text, version: null, result: validateSpec(text, { maxElements: this.maxElements() }) };
  }

  /** Verifications run apart (see verifier.ts) on the text of the version asked about; the result says which. */
  async verify(params: VerifyParams, token?: Cancellation): Promise<VerifyResult> {
    const { text, open } = this.source(params);
    const outcome = await this.verifier()({ text, maxElements: this.maxElements() }, token);
    return { ...outcome, version: open ? open.version : null };
  }

  preview(params: PreviewParams): PreviewResult {
    const { text, version, result } = this.subject(params);
    const built = previewFromValidation(text, result, {
      maxElements: this.maxElements(),
      symbolic: params.symbolic === true,
      focus: params.focus,
    });
    return { ...built, version };
  }
}
