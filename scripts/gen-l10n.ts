// Writes l10n/bundle.l10n.json from the sources (npm run gen:l10n); a unit test checks it is up to date.
import { writeFileSync } from 'node:fs';
import { buildEnglishBundle, formatBundle } from './l10n/englishBundle';

void buildEnglishBundle(process.cwd()).then((bundle) => {
  writeFileSync('l10n/bundle.l10n.json', formatBundle(bundle));
  console.log(`l10n/bundle.l10n.json: ${Object.keys(bundle).length} messages`);
});
