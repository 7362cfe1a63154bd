import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { codeOf, none, openSpec, rangeOf, replaceText, scratchCopy, tconv, waitForDiagnostics, withCode } from './util';

describe('diagnostics as you type', () => {
  before(() => tconv());

  it('a broken example gets its diagnostic on the exact token, with a code that links to the docs', async () => {
    const uri = await scratchCopy('broken/output-padding-too-large.tconv.json', 'op-range');
    const editor = await openSpec(uri);
    const [d] = await waitForDiagnostics(uri, withCode('output-padding-range'), 'output-padding-range');
    assert.equal(d.severity, vscode.DiagnosticSeverity.Error);
    assert.equal(editor.document.getText(d.range), '2', 'the squiggle covers the outputPadding value');
    assert.ok(d.range.start.isAfter(rangeOf(editor.document, '"outputPadding"').start));
    assert.match(d.message, /must be smaller than max\(stride 2, dilation 1\)/);
    assert.ok(
      typeof d.code === 'object' && d.code.target.toString().includes('README.md#output-padding-range'),
      `code target ${JSON.stringify(d.code)}`,
    );
  });

  it('typing a mistake flags it, typing the fix clears it', async () => {
    const uri = await scratchCopy('d2l-stride.tconv.json', 'typing');
    const editor = await openSpec(uri);
    await replaceText(editor, '"stride": 2', '"stride": 2, "outputPadding": 3');
    const [d] = await waitForDiagnostics(uri, withCode('output-padding-range'), 'the mistake to be flagged');
    assert.equal(editor.document.getText(d.range), '3');
    await replaceText(editor, '"outputPadding": 3', '"outputPadding": 1');
    // outputPadding 1 makes the output 5×5, so now the expectation is what disagrees, on its own token.
    const ds = await waitForDiagnostics(
      uri,
      (all) => all.length > 0 && all.every((x) => codeOf(x) !== 'output-padding-range'),
      'the range error to clear',
    );
    assert.ok(
      ds.some((x) => codeOf(x) === 'expected-shape'),
      JSON.stringify(ds.map(codeOf)),
    );
    await replaceText(editor, ', "outputPadding": 1', '');
    await waitForDiagnostics(uri, none, 'all diagnostics to clear');
  });

  it('broken JSON mid-typing is reported at the broken token, never an exception', async () => {
    const uri = await scratchCopy('d2l-basic.tconv.json', 'half-typed');
    const editor = await openSpec(uri);
    await replaceText(editor, '"layer"', '"layer" "oops"');
    const ds = await waitForDiagnostics(uri, withCode('syntax'), 'a syntax diagnostic');
    const syntax = ds.find((d) => codeOf(d) === 'syntax');
    assert.ok(syntax && Math.abs(syntax.range.start.line - rangeOf(editor.document, '"oops"').start.line) <= 1);
  });

  it('related information points at the other place when two layers disagree', async () => {
    const uri = await scratchCopy('broken/channel-mismatch.tconv.json', 'channels');
    await openSpec(uri);
    const [d] = await waitForDiagnostics(uri, withCode('channel-mismatch'), 'channel-mismatch');
    assert.ok(d.relatedInformation && d.relatedInformation.length > 0, 'no related information');
    assert.equal(d.relatedInformation[0].location.uri.toString(), uri.toString());
  });
});
