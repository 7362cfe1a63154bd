// Rewrites each l10n/bundle.l10n.<lang>.json in the English bundle's key order, dropping messages the sources no
// longer use and adding the translations given in a JSON file: node scripts/l10n/sync-bundles.mjs [new.json]
// where new.json is { "<lang>": { "<English message>": "<translation>" } }. Missing messages are listed.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';

const english = JSON.parse(readFileSync('l10n/bundle.l10n.json', 'utf8'));
const added = process.argv[2] ? JSON.parse(readFileSync(process.argv[2], 'utf8')) : {};
let missing = 0;
for (const file of readdirSync('l10n').filter((f) => /^bundle\.l10n\..+\.json$/.test(f))) {
  const lang = file.slice('bundle.l10n.'.length, -'.json'.length);
  const old = { ...JSON.parse(readFileSync(`l10n/${file}`, 'utf8')), ...(added[lang] ?? {}) };
  const next = {};
  for (const key of Object.keys(english)) {
    if (key in old) next[key] = old[key];
    else {
      missing++;
      console.log(`${lang}: missing ${JSON.stringify(key)}`);
    }
  }
  writeFileSync(`l10n/${file}`, `${JSON.stringify(next, null, 2)}\n`);
}
process.exitCode = missing > 0 ? 1 : 0;
