import { strict as assert } from 'node:assert';
import { DEFAULT_STRINGS, type StringKey } from '../../../src/preview/strings';
import { localizedPreviewStrings } from '../../../src/vscode/preview/previewStrings';

const keys = Object.keys(DEFAULT_STRINGS) as StringKey[];

describe('localizedPreviewStrings', () => {
  it('keeps every key and nothing else', () => {
    const strings = localizedPreviewStrings((s) => s);
    assert.deepEqual(Object.keys(strings).sort(), [...keys].sort());
  });

  it('is the English labels when translate is the identity', () => {
    assert.deepEqual(localizedPreviewStrings((s) => s), DEFAULT_STRINGS);
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
    assert.equal(strings['steps.current'], DEFAULT_STRINGS['steps.current'], 'untranslated labels stay English, placeholders included');
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
});
