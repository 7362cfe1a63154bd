// Messages made of several sentences, each translated on its own (spec/format.ts `sentences`): Japanese writes
// none of the spaces English puts between sentences.
import { strict as assert } from 'node:assert';
import * as l10n from '@vscode/l10n';
import { validateSpec } from '../../../src/specFile';
import { sentences } from '../../../src/specFile/format';
import { BROKEN_DIR, readText } from '../specFile/helpers';
import { readJson } from './languages';

const japanese = readJson('l10n/bundle.l10n.ja.json');

describe('sentences: one message from several translated sentences', () => {
  it('a space between English (or Korean, or Portuguese) sentences, none after a full-width stop', () => {
    assert.equal(sentences('One.', 'Two.', 'Three.'), 'One. Two. Three.');
    assert.equal(sentences('一。', '二。', 'PyTorch: x.'), '一。二。PyTorch: x.');
    assert.equal(sentences('本当？', 'はい！', '次'), '本当？はい！次');
    assert.equal(sentences('', 'One.', '', 'Two.'), 'One. Two.');
    assert.equal(sentences(), '');
  });
});

describe('Japanese, loaded through the bundle: sentences joined without spaces', () => {
  afterEach(() => l10n.config({ contents: {} }));

  for (const [file, code] of [
    ['unet-off-by-one.tconv.json', 'round-trip'],
    ['output-padding-too-large.tconv.json', 'output-padding-range'],
    ['channel-mismatch.tconv.json', 'channel-mismatch'],
  ] as const) {
    it(`${code} (${file})`, () => {
      const text = readText(BROKEN_DIR, file);
      const english = validateSpec(text).diagnostics.find((d) => d.code === code);
      l10n.config({ contents: japanese });
      const translated = validateSpec(text).diagnostics.find((d) => d.code === code);
      assert.ok(english && translated);
      assert.ok(english.message.includes('. '), `the English message has several sentences: ${english.message}`);
      assert.ok(translated.message.includes('。'), translated.message);
      assert.doesNotMatch(translated.message, /。 /, translated.message);
    });
  }
});
