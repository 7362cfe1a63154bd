// The text didOpen sends for a long spec is read a slice of lines at a time (src/vscode/slicedText.ts): it must
// be the document's whole text, of the version it claims, even when the user edits or closes it meanwhile.
import { strict as assert } from 'node:assert';
import { LINES_PER_SLICE, readInSlices, type LineSource } from '../../../src/vscode/slicedText';

class FakeDocument implements LineSource {
  version = 1;
  isClosed = false;
  sliceReads = 0;
  constructor(
    public lines: string[],
    private readonly eol = '\n',
  ) {}
  get lineCount() {
    return this.lines.length;
  }
  linesText(start: number, end: number): string {
    this.sliceReads++;
    return this.lines.slice(start, end).join(this.eol) + (end < this.lines.length ? this.eol : '');
  }
  text(): string {
    return this.lines.join(this.eol);
  }
  edit(line: number, text: string): void {
    this.lines[line] = text;
    this.version++;
  }
}

const numberLines = (count: number) => Array.from({ length: count }, (_, i) => `${i * 0.5},`);

describe('sliced didOpen text', () => {
  it('joins the slices of a long document into exactly its text, with CRLF line ends', async () => {
    const doc = new FakeDocument(['{ "data": [', ...numberLines(2.5 * LINES_PER_SLICE), '0] }'], '\r\n');
    let pauses = 0;
    const read = await readInSlices(doc, async () => void pauses++);
    assert.equal(read?.text, doc.text());
    assert.equal(read?.version, 1);
    assert.equal(doc.sliceReads, 3);
    assert.equal(pauses, 3);
  });

  it('reads a short document in one slice, and an empty one as the empty string', async () => {
    const short = new FakeDocument(['{}', '']);
    assert.equal((await readInSlices(short, async () => {}))?.text, '{}\n');
    const empty = new FakeDocument(['']);
    assert.equal((await readInSlices(empty, async () => {}))?.text, '');
  });

  it('starts again when the document is edited during the read, and returns the edited text', async () => {
    const doc = new FakeDocument(numberLines(3 * LINES_PER_SLICE));
    let pauses = 0;
    const read = await readInSlices(doc, async () => {
      if (++pauses === 2) doc.edit(10, '"typed",');
    });
    assert.equal(read?.version, 2);
    assert.equal(read?.text, doc.text());
    assert.match(read?.text ?? '', /"typed",/);
  });

  it('reads the rest in one go when edits keep coming, still of the current version', async () => {
    const doc = new FakeDocument(numberLines(3 * LINES_PER_SLICE));
    const read = await readInSlices(doc, async () => doc.edit(0, `${doc.version},`));
    assert.equal(read?.version, doc.version);
    assert.equal(read?.text, doc.text());
  });

  it('gives up when the document is closed during the read', async () => {
    const doc = new FakeDocument(numberLines(3 * LINES_PER_SLICE));
    const read = await readInSlices(doc, async () => void (doc.isClosed = true));
    assert.equal(read, undefined);
  });
});
