/**
 * The English bundle (l10n/bundle.l10n.json): every message the code passes to `l10n.t` / `vscode.l10n.t`,
 * found by @vscode/l10n-dev, plus the preview's labels, which the host translates by their English text.
 */
import { getL10nJson, type l10nJsonFormat } from '@vscode/l10n-dev';
import { readFileSync } from 'node:fs';
import { globSync } from 'tinyglobby';
import { DEFAULT_STRINGS, STRING_COMMENTS, type StringKey } from '../../src/preview/strings';

export const SOURCE_GLOBS = ['src/**/*.ts'];
const IGNORED = ['src/specFile/generated/**'];

export async function buildEnglishBundle(root: string): Promise<Record<string, string>> {
  const files = globSync(SOURCE_GLOBS, { cwd: root, ignore: IGNORED, absolute: true }).sort();
  const found: l10nJsonFormat = await getL10nJson(
    files.map((f) => ({ extension: '.ts', contents: readFileSync(f, 'utf8') })),
  );
  const bundle: Record<string, string> = {};
  for (const [key, value] of Object.entries(found)) bundle[key] = typeof value === 'string' ? value : value.message;
  for (const [key, label] of Object.entries(DEFAULT_STRINGS)) {
    const comment = STRING_COMMENTS[key as StringKey];
    bundle[comment ? `${label}/${comment}` : label] = label;
  }
  return Object.fromEntries(Object.entries(bundle).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

export function formatBundle(bundle: Record<string, string>): string {
  return `${JSON.stringify(bundle, null, 2)}\n`;
}
