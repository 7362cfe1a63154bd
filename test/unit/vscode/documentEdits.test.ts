import { strict as assert } from 'node:assert';
import { EditLog, editedLength, isDocumentVersion } from '../../../src/vscode/documentEdits';

const edit = (offset: number, text: string, deleted = 0) => ({ offset, deleted, text });

describe('EditLog: the edits between two versions of a document', () => {
  it('gives the edits of consecutive versions in order, and none between a version and itself', () => {
    const log = new EditLog();
    log.record(2, [edit(0, 'a')]);
    log.record(3, [edit(1, 'b'), edit(0, 'c')]);
    log.record(4, [edit(0, '', 2)]);
    assert.deepEqual(log.between(1, 4), [edit(0, 'a'), edit(1, 'b'), edit(0, 'c'), edit(0, '', 2)]);
    assert.deepEqual(log.between(2, 3), [edit(1, 'b'), edit(0, 'c')]);
    assert.deepEqual(log.between(4, 4), []);
  });

  it('knows nothing before its first version, after its last, or backwards', () => {
    const log = new EditLog();
    log.record(5, [edit(0, 'a')]);
    log.record(6, [edit(0, 'b')]);
    assert.equal(log.between(3, 6), undefined, 'version 4 → 5 was never seen');
    assert.equal(log.between(4, 7), undefined, 'version 7 is not there yet');
    assert.equal(log.between(6, 5), undefined);
    assert.deepEqual(log.between(4, 6), [edit(0, 'a'), edit(0, 'b')]);
  });

  it('a version it did not see cuts it off from the versions before', () => {
    const log = new EditLog();
    log.record(2, [edit(0, 'a')]);
    log.record(4, [edit(0, 'b')]);
    assert.equal(log.between(1, 4), undefined);
    assert.equal(log.between(1, 2), undefined);
    assert.deepEqual(log.between(3, 4), [edit(0, 'b')]);
  });

  it('an event without changes (the dirty state changed) is no version', () => {
    const log = new EditLog();
    log.record(2, [edit(0, 'a')]);
    log.record(2, []);
    log.record(3, [edit(0, 'b')]);
    assert.deepEqual(log.between(1, 3), [edit(0, 'a'), edit(0, 'b')]);
  });

  it('keeps only the latest versions, and the latest inserted characters, within its limits', () => {
    const log = new EditLog({ versions: 3, characters: 10 });
    for (let v = 2; v <= 6; v++) log.record(v, [edit(0, 'x')]);
    assert.equal(log.between(2, 6), undefined);
    assert.equal(log.between(3, 6)?.length, 3);
    log.record(7, [edit(0, 'y'.repeat(9))]);
    assert.equal(log.between(4, 7), undefined, 'version 5 went: past the character limit');
    assert.equal(log.between(5, 7)?.length, 2);
    log.record(8, [edit(0, 'z'.repeat(50))]);
    assert.deepEqual(log.between(7, 8), [edit(0, 'z'.repeat(50))], 'the newest is kept even above the limit');
  });
});

describe('documentEdits helpers', () => {
  it('editedLength adds what each edit inserts and takes away what it deletes', () => {
    assert.equal(editedLength(10, [edit(0, 'abc'), edit(2, '', 5), edit(1, 'x', 1)]), 8);
  });

  it('isDocumentVersion tells a document version from a text and from its parts', () => {
    assert.equal(isDocumentVersion('text'), false);
    assert.equal(isDocumentVersion(['a', 'b']), false);
    assert.equal(isDocumentVersion({ document: 1, version: 1, read: () => '', editsFrom: () => [] }), true);
  });
});
