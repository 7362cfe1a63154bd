/** Collects semantic diagnostics; knows the source text (when there is one) to find nested nodes and build fixes. */
import {
  DIAGNOSTIC_CODES,
  type DiagnosticCode,
  type Fix,
  type RelatedLocation,
  type SpecDiagnostic,
  type TextEdit,
} from './diagnostics';
import { insertPropertyEdit, type Span } from './edits';
import { nodeAt, refOf, type JsonNode, type JsonPath, type NodeRef } from './jsonTree';

export interface SpecSource {
  readonly text: string;
  readonly root: JsonNode;
}

export interface ReportExtras {
  readonly fixes?: readonly Fix[];
  readonly related?: readonly RelatedLocation[];
}

/** The property key when the ref has one (for "this property is wrong as a whole"), else the value. */
export function keySpan(ref: NodeRef): Span {
  return ref.keyOffset !== undefined && ref.keyLength !== undefined
    ? { offset: ref.keyOffset, length: ref.keyLength }
    : ref;
}

export function related(span: Span, message: string): RelatedLocation {
  return { offset: span.offset, length: span.length, message };
}

export class Reporter {
  readonly diagnostics: SpecDiagnostic[] = [];

  constructor(readonly source?: SpecSource) {}

  report(code: DiagnosticCode, message: string, at: Span, extras: ReportExtras = {}): void {
    const diagnostic: SpecDiagnostic = {
      code,
      message,
      severity: DIAGNOSTIC_CODES[code].severity,
      offset: at.offset,
      length: at.length,
    };
    this.diagnostics.push({
      ...diagnostic,
      ...(extras.fixes && extras.fixes.length > 0 ? { fixes: extras.fixes } : {}),
      ...(extras.related && extras.related.length > 0 ? { related: extras.related } : {}),
    });
  }

  get errorCount(): number {
    return this.diagnostics.filter((d) => d.severity === 'error').length;
  }

  /** The ref of a node below a field (e.g. one number inside nested data), or the fallback without a source. */
  refAt(path: JsonPath, fallback: NodeRef): NodeRef {
    const node = this.source ? nodeAt(this.source.root, path) : undefined;
    return node ? refOf(node, path) : fallback;
  }

  /** An edit adding a property to the object at `objectPath`; undefined without a source. */
  insertProperty(objectPath: JsonPath, key: string, valueText: string): TextEdit | undefined {
    if (!this.source) return undefined;
    const objectNode = nodeAt(this.source.root, objectPath);
    return objectNode?.type === 'object' ? insertPropertyEdit(this.source.text, objectNode, key, valueText) : undefined;
  }
}
