/**
 * tconv's own requests: verifying a spec (the Testing view, Verify commands) and building its preview. The preview
 * reads the document's analysis when the server has the document open; a file the editor has not opened comes
 * with its text, which is validated for that request only.
 */
import * as l10n from '@vscode/l10n';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { previewFromValidation } from '../preview/buildPayload';
import { planesFor } from '../preview/planeRequest';
import { StepValuesCache } from '../preview/stepValues';
import { validateSpec, type ValidationResult } from '../specFile';
import { VerifyProgressCounter } from '../specFile/verifyProgress';
import type { DocumentAnalyses } from './documentAnalyses';
import type {
  PlanesParams,
  PlanesResult,
  PreviewParams,
  PreviewResult,
  SpecRequestParams,
  VerifyParams,
  VerifyProgress,
  VerifyResult,
} from './protocol';
import type { Cancellation, Verifier } from './verifier';

/** The last segment of a URI, decoded: what a progress title names. */
function fileName(uri: string): string {
  const last =
    uri
      .replace(/[?#].*$/, '')
      .split('/')
      .pop() ?? uri;
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
}

interface Subject {
  readonly text: string;
  readonly version: number | null;
  readonly result: ValidationResult;
}

export class SpecRequests {
  /** The tensors of the last layer whose planes were asked for (planeRequest.ts). */
  private readonly stepValues = new StepValuesCache();

  constructor(
    private readonly document: (uri: string) => TextDocument | undefined,
    private readonly analyses: DocumentAnalyses,
    private readonly memoryBudget: () => number,
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
    return { text, version: null, result: validateSpec(text, { memoryBudget: this.memoryBudget() }) };
  }

  /**
   * Verifications run apart (see verifier.ts) on the text of the version asked about; the result says which. With
   * `send`, the run is reported as work-done progress: begin, one report per check as it starts and finishes, end.
   */
  async verify(
    params: VerifyParams,
    token?: Cancellation,
    send?: (value: VerifyProgress) => void,
  ): Promise<VerifyResult> {
    const { text, open } = this.source(params);
    const counter = new VerifyProgressCounter();
    send?.({ kind: 'begin', title: l10n.t('Verifying {0}', fileName(params.uri)), percentage: 0, cancellable: false });
    try {
      const outcome = await this.verifier()(
        { text, memoryBudget: this.memoryBudget() },
        token,
        send &&
          ((event) => {
            const percentage = Math.floor(100 * counter.add(event));
            send({ kind: 'report', message: counter.message(), percentage, tconv: event });
          }),
      );
      return { ...outcome, version: open ? open.version : null };
    } finally {
      send?.({ kind: 'end' });
    }
  }

  preview(params: PreviewParams): PreviewResult {
    const { text, version, result } = this.subject(params);
    // A render of another version: the layer tensors kept for plane requests are of an older text.
    if (version !== null) this.stepValues.forget(`${params.uri}\n`, this.stepKey(params.uri, version));
    const built = previewFromValidation(text, result, {
      memoryBudget: this.memoryBudget(),
      symbolic: params.symbolic === true,
      focus: params.focus,
    });
    return { ...built, version };
  }

  /** The planes of one layer for one focus; the layer's tensors are kept for the next focus on the same version. */
  planes(params: PlanesParams): PlanesResult {
    const { version, result } = this.subject(params);
    const key = version === null ? null : this.stepKey(params.uri, version);
    return { planes: planesFor(result, params.focus, this.stepValues, key), version };
  }

  private stepKey(uri: string, version: number): string {
    return `${uri}\n${version}\n${this.memoryBudget()}\n`;
  }

  /** A document closed: its layer tensors go. */
  forget(uri: string): void {
    this.stepValues.forget(`${uri}\n`);
  }
}
