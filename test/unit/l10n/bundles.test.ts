// Every translation has every message, with the same placeholders and links, and the English bundle is what the
// sources ask for (npm run gen:l10n regenerates it).
import { strict as assert } from 'node:assert';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildEnglishBundle, formatBundle } from '../../../scripts/l10n/englishBundle';
import { LANGUAGES, linkTargets, placeholders, readJson, ROOT } from './languages';

const english = readJson('l10n/bundle.l10n.json');
const englishNls = readJson('package.nls.json');

describe('translations', function () {
  this.timeout(60_000);

  it('l10n/bundle.l10n.json is up to date with the sources (npm run gen:l10n)', async () => {
    const fresh = formatBundle(await buildEnglishBundle(ROOT));
    assert.equal(
      readFileSync(join(ROOT, 'l10n/bundle.l10n.json'), 'utf8'),
      fresh,
      'run npm run gen:l10n and commit l10n/bundle.l10n.json',
    );
    assert.ok(
      Object.keys(english).length > 300,
      `only ${Object.keys(english).length} messages: is the extractor finding l10n.t calls?`,
    );
  });

  it('the .vsix ships the bundles, the manifest translations and the translated walkthrough pages', () => {
    const ignore = readFileSync(join(ROOT, '.vscodeignore'), 'utf8');
    for (const line of ['!l10n/*.json', '!package.nls.json', '!package.nls.*.json', '!docs/walkthrough/*.md']) {
      assert.ok(ignore.split('\n').includes(line), `.vscodeignore lacks ${line}`);
    }
    assert.equal(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).l10n, './l10n');
  });

  it('package.json uses exactly the keys of package.nls.json', () => {
    const manifest = readFileSync(join(ROOT, 'package.json'), 'utf8');
    const used = new Set([...manifest.matchAll(/"%([^%"]+)%"/g)].map((m) => m[1]));
    assert.deepEqual([...used].sort(), Object.keys(englishNls).sort());
  });

  for (const lang of LANGUAGES) {
    describe(lang, () => {
      const bundleFile = `l10n/bundle.l10n.${lang}.json`;
      const nlsFile = `package.nls.${lang}.json`;

      it(`${bundleFile} translates every message, keeping its placeholders`, () => {
        const bundle = readJson(bundleFile);
        assert.deepEqual(
          Object.keys(bundle).sort(),
          Object.keys(english).sort(),
          'keys differ from l10n/bundle.l10n.json',
        );
        for (const [key, value] of Object.entries(bundle)) {
          assert.ok(typeof value === 'string' && value.trim().length > 0, `${key}: empty`);
          assert.deepEqual(placeholders(value), placeholders(key), `${key} → ${value}: placeholders differ`);
        }
        const untranslated = Object.entries(bundle).filter(([k, v]) => k === v && /[a-z]{4}/.test(k));
        assert.ok(
          untranslated.length <= Object.keys(bundle).length * 0.05,
          `${untranslated.length} messages left in English: ${untranslated
            .slice(0, 10)
            .map(([k]) => k)
            .join(' | ')}`,
        );
      });

      it(`${nlsFile} translates every manifest string, keeping command links`, () => {
        const nls = readJson(nlsFile);
        assert.deepEqual(Object.keys(nls).sort(), Object.keys(englishNls).sort());
        for (const [key, value] of Object.entries(nls)) {
          assert.ok(value.trim().length > 0, `${key}: empty`);
          assert.deepEqual(linkTargets(value), linkTargets(englishNls[key]), `${key}: links differ`);
          assert.deepEqual(placeholders(value), placeholders(englishNls[key]), `${key}: placeholders differ`);
        }
      });

      it('every walkthrough page has a translation with the same links, code blocks and headings', () => {
        const dir = join(ROOT, 'docs/walkthrough');
        const pages = readdirSync(dir).filter((f) => /^\d-[\w-]+\.md$/.test(f));
        assert.equal(pages.length, 6);
        for (const page of pages) {
          const translated = join(dir, page.replace(/\.md$/, `.nls.${lang}.md`));
          assert.ok(existsSync(translated), `${translated} missing`);
          const [en, tr] = [join(dir, page), translated].map((f) => readFileSync(f, 'utf8'));
          assert.deepEqual(linkTargets(tr), linkTargets(en), `${page}: links differ`);
          const count = (text: string, re: RegExp) => (text.match(re) ?? []).length;
          assert.equal(count(tr, /^```/gm), count(en, /^```/gm), `${page}: code blocks differ`);
          assert.equal(count(tr, /^#+ /gm), count(en, /^#+ /gm), `${page}: headings differ`);
        }
      });
    });
  }
});
