import { strict as assert } from 'node:assert';
import * as l10n from '@vscode/l10n';
import { DEFAULT_STRINGS, STRING_COMMENTS, type StringKey } from '../../../src/preview/strings';
import { readJson } from '../l10n/languages';
import { localizedPreviewStrings } from '../../../src/vscode/preview/previewStrings';

const keys = Object.keys(DEFAULT_STRINGS) as StringKey[];

describe('localizedPreviewStrings', () => {
  it('keeps every key and nothing else', () => {
    const strings = localizedPreviewStrings((s) => s);
    assert.deepEqual(Object.keys(strings).sort(), [...keys].sort());
  });

  it('is the English labels when translate is the identity', () => {
    assert.deepEqual(
      localizedPreviewStrings((s) => s),
      DEFAULT_STRINGS,
    );
  });

  it('translates each value by its English text, once', () => {
    const asked: string[] = [];
    const strings = localizedPreviewStrings((english) => {
      asked.push(english);
      return `«${english}»`;
    });
    for (const key of keys) assert.equal(strings[key], `«${DEFAULT_STRINGS[key]}»`, key);
    assert.deepEqual(asked.sort(), keys.map((k) => DEFAULT_STRINGS[k]).sort());
  });

  it('keeps the placeholders a translation keeps', () => {
    const bundle: Record<string, string> = {
      'Step {0} of {1}': '{1}단계 중 {0}단계',
      '{0} multiply-adds': '곱셈-덧셈 {0}회',
    };
    const strings = localizedPreviewStrings((english) => bundle[english] ?? english);
    assert.equal(strings['steps.position'], '{1}단계 중 {0}단계');
    assert.equal(strings['shapes.multiplyAdds'], '곱셈-덧셈 {0}회');
    assert.equal(
      strings['steps.current'],
      DEFAULT_STRINGS['steps.current'],
      'untranslated labels stay English, placeholders included',
    );
    for (const key of keys) {
      const wanted = (DEFAULT_STRINGS[key].match(/\{\d+\}/g) ?? []).sort();
      assert.deepEqual((strings[key]?.match(/\{\d+\}/g) ?? []).sort(), wanted, key);
    }
  });

  it('does not change DEFAULT_STRINGS', () => {
    const before = { ...DEFAULT_STRINGS };
    localizedPreviewStrings((s) => s.toUpperCase());
    assert.deepEqual(DEFAULT_STRINGS, before);
  });

  it("passes the translator's note of the labels that have one, and only theirs", () => {
    const notes: Partial<Record<string, string>> = {};
    localizedPreviewStrings((english, comment) => {
      if (comment !== undefined) notes[comment] = english;
      return english;
    });
    assert.deepEqual(
      notes,
      Object.fromEntries(
        Object.entries(STRING_COMMENTS).map(([key, note]) => [note, DEFAULT_STRINGS[key as StringKey]]),
      ),
    );
  });

  it('pt-BR: the Verify tab and the Verify button are told apart by their notes (Verificações, Verificar)', () => {
    l10n.config({ contents: readJson('l10n/bundle.l10n.pt-br.json') });
    try {
      const strings = localizedPreviewStrings((english, comment) =>
        comment ? l10n.t({ message: english, comment }) : l10n.t(english),
      );
      assert.equal(strings['view.verify'], 'Verificações');
      assert.equal(strings['toolbar.verify'], 'Verificar');
      assert.equal(strings['view.grids'], l10n.t('Grids'));
    } finally {
      l10n.config({ contents: {} });
    }
  });
});
