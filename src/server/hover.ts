/**
 * A hover on a spec: tconv's own (the output-shape formula with numbers, a layer's summary, an element's index)
 * above the schema's documentation of the field, when there is either.
 */
import type { Hover, MarkupContent, Position } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { ValidationResult } from '../specFile';
import { hoverAt } from '../specFile/hover';
import type { JsonFeatures } from './jsonFeatures';
import { rangeOf } from './lspConvert';

function markdownOf(hover: Hover | null): string | undefined {
  const contents = hover?.contents;
  if (!contents) return undefined;
  const parts = Array.isArray(contents) ? contents : [contents];
  const text = parts
    .map((p) => (typeof p === 'string' ? p : p.value))
    .join('\n\n')
    .trim();
  return text || undefined;
}

export async function specHover(
  document: TextDocument,
  result: ValidationResult,
  position: Position,
  json: JsonFeatures,
): Promise<Hover | null> {
  const ours = hoverAt(document.getText(), result, document.offsetAt(position));
  const schemaHover = await json.hover(document, position);
  const schemaDocs = markdownOf(schemaHover);
  if (!ours && !schemaDocs) return null;
  const contents: MarkupContent = {
    kind: 'markdown',
    value: [ours?.markdown, schemaDocs].filter(Boolean).join('\n\n---\n\n'),
  };
  const range = ours ? rangeOf(document, ours.offset, ours.length) : schemaHover?.range;
  return { contents, ...(range ? { range } : {}) };
}
