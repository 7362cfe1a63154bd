// With the Korean bundle loaded the way the extension loads it (vscode.l10n.bundle → @vscode/l10n's config, in
// the host and in every worker), a diagnostic, a hover and the preview's labels and notes come out in Korean.
import { strict as assert } from 'node:assert';
import * as l10n from '@vscode/l10n';
import { requestHandler } from '../../../src/analysis/protocol';
import { ANALYSIS_FUNCTIONS } from '../../../src/analysis/functions';
import { DEFAULT_STRINGS } from '../../../src/preview/strings';
import { validateSpec } from '../../../src/spec';
import { localizedPreviewStrings } from '../../../src/vscode/preview/previewStrings';
import { BROKEN_DIR, readText } from '../spec/helpers';
import { HANGUL, readJson } from './languages';

const korean = readJson('l10n/bundle.l10n.ko.json');

describe('Korean, loaded through the bundle', () => {
  afterEach(() => l10n.config({ contents: {} }));

  it('a diagnostic: same code and token, message in Korean with the numbers filled in', () => {
    const text = readText(BROKEN_DIR, 'channel-mismatch.tconv.json');
    const [en] = validateSpec(text).diagnostics;
    l10n.config({ contents: korean });
    const [ko] = validateSpec(text).diagnostics;
    assert.equal(ko.code, en.code);
    assert.deepEqual([ko.offset, ko.length], [en.offset, en.length]);
    assert.match(ko.message, HANGUL, ko.message);
    assert.ok(ko.message.includes('256') && ko.message.includes('128'), ko.message);
    assert.doesNotMatch(ko.message, /\{\d\}/, 'a placeholder was left unfilled');
    assert.notEqual(ko.message, en.message);
  });

  it('the worker translates once the host has sent it the bundle', () => {
    const text = readText(BROKEN_DIR, 'output-padding-too-large.tconv.json');
    const handle = requestHandler(ANALYSIS_FUNCTIONS);
    const english = handle({ kind: 'analyze', id: 1, key: 'doc', text, options: {} });
    assert.deepEqual(handle({ kind: 'l10n', id: 0, bundle: korean }), { kind: 'localized', id: 0 });
    const translated = handle({ kind: 'analyze', id: 2, key: 'doc', text, options: {} });
    assert.ok(english?.kind === 'analyzed' && translated?.kind === 'analyzed');
    const [en, ko] = [english.analysis.diagnostics[0], translated.analysis.diagnostics[0]];
    assert.equal(ko.code, 'output-padding-range');
    assert.match(ko.message, HANGUL);
    assert.match(ko.fixes?.[0]?.title ?? '', HANGUL, 'the quick fix title is not translated');
    assert.equal(ko.fixes?.[0]?.edits[0]?.newText, en.fixes?.[0]?.edits[0]?.newText, 'the fix itself must not change');
  });

  it('the preview labels the host sends are Korean, with their placeholders', () => {
    l10n.config({ contents: korean });
    const strings = localizedPreviewStrings((english, comment) => (comment ? l10n.t({ message: english, comment }) : l10n.t(english)));
    const [grids, position] = [strings['view.grids'] ?? '', strings['steps.position'] ?? ''];
    assert.match(grids, HANGUL);
    assert.match(position, HANGUL);
    assert.ok(position.includes('{0}') && position.includes('{1}'), position);
    assert.deepEqual(Object.keys(strings).sort(), Object.keys(DEFAULT_STRINGS).sort());
  });
});
