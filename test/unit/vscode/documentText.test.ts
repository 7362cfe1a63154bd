import { strict as assert } from 'node:assert';
import { DocumentTexts, documentText, isReading, joinText, textParts, type SpecText, type TextPosition, type TextSource } from '../../../src/vscode/documentText';

/** A document as the extension host mirrors it: lines and one end of line; ranges and positions clamp like VS Code's. */
class FakeDocument implements TextSource {
  version = 1;
  getTextCalls = 0;
  rangeCalls = 0;
  private lines: string[];
  private eol: string;

  constructor(text: string) {
    this.eol = text.includes('\r\n') ? '\r\n' : '\n';
    this.lines = text.split(/\r\n|\r|\n/);
  }

  edit(text: string): void {
    this.lines = text.split(/\r\n|\r|\n/);
    this.version++;
  }

  get lineCount() {
    return this.lines.length;
  }

  get length() {
    return this.getTextUncounted().length;
  }

  getText(): string {
    this.getTextCalls++;
    return this.getTextUncounted();
  }

  positionAt(offset: number): TextPosition {
    let rest = Math.max(0, Math.floor(offset));
    for (let line = 0; line < this.lines.length; line++) {
      const withEol = this.lines[line].length + (line < this.lines.length - 1 ? this.eol.length : 0);
      if (rest < withEol || line === this.lines.length - 1) return { line, character: Math.min(rest, this.lines[line].length) };
      rest -= withEol;
    }
    throw new Error('unreachable');
  }

  offsetAt(p: TextPosition): number {
    const c = this.clamp(p);
    let offset = 0;
    for (let line = 0; line < c.line; line++) offset += this.lines[line].length + this.eol.length;
    return offset + c.character;
  }

  getRange(start: TextPosition, end: TextPosition): string {
    this.rangeCalls++;
    const a = this.clamp(start);
    const b = this.clamp(end);
    if (a.line === b.line) return this.lines[a.line].substring(a.character, b.character);
    return [this.lines[a.line].substring(a.character), ...this.lines.slice(a.line + 1, b.line), this.lines[b.line].substring(0, b.character)].join(this.eol);
  }

  private clamp(p: TextPosition): TextPosition {
    const line = Math.max(0, Math.min(p.line, this.lines.length - 1));
    return { line, character: Math.max(0, Math.min(p.character, this.lines[line].length)) };
  }

  private getTextUncounted(): string {
    return this.lines.join(this.eol);
  }
}

/** A turn the test controls: counts the turns taken, and can edit the document in one of them. */
function turns(onTurn: (n: number) => void = () => undefined) {
  let n = 0;
  return {
    get count() {
      return n;
    },
    turn: async () => {
      n++;
      onTurn(n);
    },
  };
}

const small = { chars: 10, lines: 3 };

describe('documentText: a large document is read in parts, one per turn, never whole', () => {
  it('gives a small document at once, as getText() gives it', () => {
    const doc = new FakeDocument('{"a": 1}');
    const text = documentText(doc, small);
    assert.equal(text, '{"a": 1}');
    assert.equal(doc.rangeCalls, 0);
  });

  for (const [name, text] of [
    ['long lines', '0123456789abcdefghij\nklmnopqrstuvwxyz0123456789\nshort'],
    ['many short lines', Array.from({ length: 20 }, (_, i) => String(i)).join('\n')],
    ['CRLF line ends (a part may end between \\r and \\n)', 'abcdefghi\r\njklmnopqr\r\nstuvwxyz0\r\n123456789\r\n'],
    ['a trailing line break and empty lines', '\n\n\nabcdefghijklmnop\n\n'],
    ['UTF-16 surrogate pairs and non-ASCII text', '🎛🎛🎛🎛🎛🎛🎛🎛\nשכבה עליונה\n→→→→→→→→→→→→'],
  ] as const) {
    it(`joins back to the whole text: ${name}`, async () => {
      const doc = new FakeDocument(text);
      const t = turns();
      const read = documentText(doc, small, t.turn);
      assert.ok(isReading(read), 'a large document is read over several turns');
      const parts = (await read) as readonly string[];
      assert.ok(Array.isArray(parts));
      assert.equal(parts.join(''), doc.getText());
      assert.equal(doc.getTextCalls, 1, 'only the check above asked for the whole text');
      assert.equal(t.count, parts.length - 1, 'one part per turn');
      for (const part of parts) assert.ok(part.length <= small.chars + 2, `part of ${part.length} characters`);
    });
  }

  it('caps a part by lines as well as by characters', async () => {
    const doc = new FakeDocument(Array.from({ length: 12 }, () => '').join('\n'));
    const parts = (await documentText(doc, { chars: 1000, lines: 3 }, turns().turn)) as readonly string[];
    assert.equal(parts.join(''), doc.getText());
    assert.equal(parts.length, 4);
  });

  it('gives undefined when the document changes while it is read', async () => {
    const doc = new FakeDocument('0123456789abcdefghijklmnopqrstuvwxyz');
    const t = turns((n) => n === 2 && doc.edit('edited'));
    assert.equal(await documentText(doc, small, t.turn), undefined);
  });
});

describe('textParts and joinText: what a request carries to the worker', () => {
  it('leaves a short text whole', () => {
    assert.deepEqual(textParts('abc', 4), ['abc']);
  });

  it('cuts a long text into consecutive parts', () => {
    assert.deepEqual(textParts('abcdefghij', 4), ['abcd', 'efgh', 'ij']);
    assert.equal(joinText(textParts('abcdefghij', 4)), 'abcdefghij');
  });

  it('keeps parts as they are, and sends an empty text as one empty part', () => {
    const parts = ['a', 'b'];
    assert.equal(textParts(parts), parts);
    assert.deepEqual(textParts([]), ['']);
    assert.deepEqual(textParts(''), ['']);
  });
});

describe('DocumentTexts: one read per document version, shared', () => {
  it('reads a version once, whoever asks', () => {
    const texts = new DocumentTexts<FakeDocument>(small);
    const doc = new FakeDocument('{}');
    assert.equal(texts.read(doc, doc), '{}');
    assert.equal(texts.read(doc, doc), '{}');
    assert.equal(doc.getTextCalls, 1);
  });

  it('reads again after an edit', () => {
    const texts = new DocumentTexts<FakeDocument>(small);
    const doc = new FakeDocument('{}');
    texts.read(doc, doc);
    doc.edit('[]');
    assert.equal(texts.read(doc, doc), '[]');
    assert.equal(doc.getTextCalls, 2);
  });

  it('shares a read in progress, and forgets one that an edit overtook', async () => {
    let edit = false;
    const doc = new FakeDocument('0123456789abcdefghijklmnopqrstuvwxyz');
    const texts = new DocumentTexts<FakeDocument>(small, async () => {
      if (edit) doc.edit('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ');
      edit = false;
    });
    const first = texts.read(doc, doc);
    assert.equal(texts.read(doc, doc), first, 'the same promise');
    assert.equal(joinText((await first) as SpecText), '0123456789abcdefghijklmnopqrstuvwxyz');

    doc.edit('abcdefghijklmnopqrstuvwxyz0123456789');
    edit = true;
    const overtaken = texts.read(doc, doc);
    assert.equal(await overtaken, undefined);
    const fresh = texts.read(doc, doc);
    assert.notEqual(fresh, overtaken, 'the overtaken read is not handed out again');
    assert.equal(joinText((await fresh) as SpecText), '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ');
  });
});
