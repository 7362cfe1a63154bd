// What VS Code's JSON support gives a JSON file, specs get from the server with tconv's schema: completion,
// document symbols, formatting and folding; above 1,000,000 characters only the diagnostics (and formatting).
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  CompletionRequest,
  DocumentFormattingRequest,
  DocumentSymbolRequest,
  FoldingRangeRequest,
  HoverRequest,
  type CompletionItem,
  type CompletionList,
  type DocumentSymbol,
} from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import schema from '../../../schemas/tconv.schema.json';
import { ROOT } from '../l10n/languages';
import { BROKEN_DIR, EXAMPLES_DIR, readText } from '../specFile/helpers';
import { ServerHarness } from './harness';
import { positionAt, positionOf } from './positions';

const URI = 'file:///work/examples/new.tconv.json';
const CURSOR = '/*cursor*/';

/** A spec whose layer is being written, with `schema` as its "$schema" when given; the cursor is in the layer. */
function layerBeingWritten(schema?: string): { text: string; offset: number } {
  const marked = `{\n${schema ? `  "$schema": ${JSON.stringify(schema)},\n` : ''}  "input": { "shape": [2, 2] },\n  "layer": {\n    ${CURSOR}\n  }\n}\n`;
  return { text: marked.replace(CURSOR, ''), offset: marked.indexOf(CURSOR) };
}

function labels(completion: CompletionList | CompletionItem[] | null): string[] {
  return (Array.isArray(completion) ? completion : (completion?.items ?? [])).map((item) => item.label);
}

describe('server: JSON features from the schema', () => {
  let harness: ServerHarness;
  beforeEach(async () => {
    harness = await ServerHarness.start();
  });
  afterEach(() => harness.dispose());

  async function complete(text: string, offset: number, uri = URI): Promise<string[]> {
    await harness.openDocument(uri, text);
    return labels(
      await harness.client.sendRequest(CompletionRequest.type, {
        textDocument: { uri },
        position: positionAt(text, offset),
      }),
    );
  }

  it('completion in a layer offers its fields', async () => {
    const { text, offset } = layerBeingWritten();
    const offered = await complete(text, offset);
    for (const field of ['stride', 'padding', 'outputPadding', 'kernelSize', 'dilation'])
      assert.ok(offered.includes(field), `${field} is not offered: ${offered.join(', ')}`);
    assert.ok(!offered.includes('layers'), 'a top-level key is offered inside the layer');
  });

  it('a spec naming the schema by its relative path (as the examples do) gets the same completion', async () => {
    const { text, offset } = layerBeingWritten('../schemas/tconv.schema.json');
    assert.ok((await complete(text, offset)).includes('stride'));
  });

  it('a spec naming tconv’s schema by a URL gets the same completion, also after another spec’s', async () => {
    const plain = layerBeingWritten();
    assert.ok((await complete(plain.text, plain.offset)).includes('stride'));
    const { text, offset } = layerBeingWritten('https://tconv.example/schemas/tconv.schema.json');
    assert.ok((await complete(text, offset, 'file:///work/elsewhere/copied.tconv.json')).includes('stride'));
  });

  it('leaves the imported schema as it is (the spec checks read it too)', async () => {
    const { text, offset } = layerBeingWritten();
    await complete(text, offset);
    await harness.client.sendRequest(HoverRequest.type, {
      textDocument: { uri: URI },
      position: positionOf(text, '"shape"'),
    });
    assert.deepEqual(schema, JSON.parse(readFileSync(join(ROOT, 'schemas/tconv.schema.json'), 'utf8')));
  });

  it('a spec naming another schema gets none of tconv’s fields (that schema is not fetched)', async () => {
    const { text, offset } = layerBeingWritten('https://schemas.example/other.json');
    assert.ok(!(await complete(text, offset)).includes('stride'));
  });

  it('document symbols: the top-level keys, in order', async () => {
    const text = readText(EXAMPLES_DIR, 'd2l-stride.tconv.json');
    await harness.openDocument(URI, text);
    const symbols = (await harness.client.sendRequest(DocumentSymbolRequest.type, {
      textDocument: { uri: URI },
    })) as DocumentSymbol[];
    assert.deepEqual(
      symbols.map((s) => s.name),
      Object.keys(JSON.parse(text)),
    );
    assert.deepEqual(symbols.find((s) => s.name === 'layer')?.selectionRange.start, positionOf(text, '"layer"'));
  });

  it("formatting: indented as asked, the author's line breaks kept (a 2×2 kernel stays on its line)", async () => {
    const text = '{\n"input":{"shape":[2,2]},\n      "layer":{"kernel":{"data":[[0,1],[2,3]]},\n"stride":2}}';
    await harness.openDocument(URI, text);
    const edits = await harness.client.sendRequest(DocumentFormattingRequest.type, {
      textDocument: { uri: URI },
      options: { tabSize: 2, insertSpaces: true },
    });
    assert.ok(edits?.length);
    const formatted = TextDocument.applyEdits(TextDocument.create(URI, 'tconv', 1, text), edits);
    assert.deepEqual(JSON.parse(formatted), JSON.parse(text));
    assert.equal(
      formatted,
      '{\n  "input": { "shape": [ 2, 2 ] },\n  "layer": { "kernel": { "data": [ [ 0, 1 ], [ 2, 3 ] ] },\n    "stride": 2 } }',
    );
  });

  it('folding: a range for each multi-line object and array', async () => {
    const text = readText(EXAMPLES_DIR, 'd2l-stride.tconv.json');
    await harness.openDocument(URI, text);
    const ranges = await harness.client.sendRequest(FoldingRangeRequest.type, { textDocument: { uri: URI } });
    const expectLine = positionOf(text, '"expect"').line;
    const outputLine = positionOf(text, '"output"').line;
    const lastLine = text.trimEnd().split('\n').length - 1;
    assert.deepEqual(
      (ranges ?? []).map((r) => [r.startLine, r.endLine]).sort((a, b) => a[0] - b[0]),
      [
        [0, lastLine - 1],
        [expectLine, lastLine - 2],
        [outputLine, lastLine - 3],
      ],
    );
  });

  it('above 1,000,000 characters: no completion, symbols or folding, but diagnostics', async () => {
    const spec = readText(BROKEN_DIR, 'channel-mismatch.tconv.json');
    const inLayers = spec.indexOf('"layers": [') + '"layers": ['.length;
    const text = `${spec.slice(0, inLayers)}${' '.repeat(1_000_000)}${spec.slice(inLayers)}`;
    await harness.openDocument(URI, text);
    assert.deepEqual(
      (await harness.published(URI, 1)).diagnostics.map((d) => d.code),
      ['channel-mismatch'],
    );
    const textDocument = { uri: URI };
    assert.equal(
      await harness.client.sendRequest(CompletionRequest.type, {
        textDocument,
        position: positionAt(text, inLayers + 10),
      }),
      null,
    );
    assert.deepEqual(await harness.client.sendRequest(DocumentSymbolRequest.type, { textDocument }), []);
    assert.deepEqual(await harness.client.sendRequest(FoldingRangeRequest.type, { textDocument }), []);
  });
});
