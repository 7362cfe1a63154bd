/**
 * tconv's own requests: verifying a spec (the Testing view, Verify commands) and building its preview. Both read
 * the document's analysis when the server has the document open; a file the editor has not opened comes with
 * its text, which is validated for that request only.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { verifyValidated } from '../analysis/analyze';
import { verificationForHost } from '../analysis/hostView';
import { previewFromValidation } from '../preview/buildPayload';
import { validateSpec, type ValidationResult } from '../spec';
import type { DocumentAnalyses } from './documentAnalyses';
import type { PreviewParams, PreviewResult, SpecRequestParams, VerifyParams, VerifyResult } from './protocol';

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
  ) {}

  private subject(params: SpecRequestParams): Subject {
    const open = this.document(params.uri);
    if (open) return { text: open.getText(), version: open.version, result: this.analyses.get(open) };
    if (typeof params.text !== 'string') throw new Error(`tconv: ${params.uri} is not open and no text was sent`);
    return { text: params.text, version: null, result: validateSpec(params.text, { maxElements: this.maxElements() }) };
  }

  verify(params: VerifyParams): VerifyResult {
    const { text, version, result } = this.subject(params);
    return { ...verificationForHost(verifyValidated(result), text), version };
  }

  preview(params: PreviewParams): PreviewResult {
    const { text, version, result } = this.subject(params);
    const built = previewFromValidation(text, result, { maxElements: this.maxElements(), symbolic: params.symbolic === true, focus: params.focus });
    return { ...built, version };
  }
}
